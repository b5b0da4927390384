-- insights-service benchmark data: what 1 000 000 leads' events would leave in lead_fact and stage_entry,
-- captured over the two years before 2026-12-01 (the "now" of the data: nothing is dated at or after it).
--
--   benchmarks/insights/p5.sh runs it (into a database of its own, insights_bench, that insights-service has migrated);
--   alone: psql -d <a migrated insights database> -v ON_ERROR_STOP=1 -v leads=100000 -f load-facts.sql
--
-- Expects the tables of insights-service's migrations (Flyway); empties them. Whatever indexes and keys the
-- migrations made are dropped for the load and built again as they were (saved from the catalogue first), so the
-- benchmark measures the service's own indexes.
-- Deterministic: every draw is a hash of (lead number, draw number) (hashint8extended), so two runs on the same
-- PostgreSQL give the same rows, whatever the plan. Set-based: one INSERT ... SELECT per table into the tables with
-- their indexes dropped, the indexes built afterwards, then VACUUM ANALYZE.
--
-- The model (what the events would have said), per lead i, in capture order:
--   captured_at  2024-12-01 .. 2026-12-01, growing 60 % over the two years (more leads lately)
--   source       8 sources (web_form 30 %, google_ads 18 %, facebook_ads 12 %, partner_portal 10 %, import 10 %,
--                whatsapp 8 %, referral 7 %, event 5 %); campaign: 4 per source (32), 15 % none
--   country      DE 35 %, FR 20 %, NL 15 %, ES 12 %, IT 10 %, AT 5 %, none 3 %
--   segment      SMB 45 %, MID_MARKET 30 %, ENTERPRISE 15 %, PUBLIC 7 %, none 3 %
--   products     1 (55 %), 2 (30 %) or 3 (15 %) distinct of 10 (skewed to the first ones); 3 % none
--   partner_id   every partner_portal lead and 20 % of the others, one of 25 partners; 12 % of the partner-less
--                are shared (shared_at, shared_partner_id): ~63 % have neither
--   score        80 % scored (0..100, triangular around 50), scored 2-32 s after capture; qualified (one-way) when
--                the score is 57 or more: ~30 % of all leads
--   assignment   90 % assigned to one of 200 reps (skewed), 1 min .. 2 days after capture (log-uniform);
--                15 % queued first; first touch for 80 % of the assigned, 1 min .. 3 days after the assignment;
--                SLA breached for 1 in 6 of the assigned (~15 %)
--   stages       an assigned lead enters OPEN at its assignment; its furthest main-path stage is OPEN 12 %,
--                CONTACTED 22 %, NURTURING 28 %, QUALIFIED 15 %, NEGOTIATION 11.9 %, CUSTOMER 11.1 % (~10 % of all
--                leads won); NURTURING skipped by 25 % of those going further, CONTACTED by 5 %; a lead that did not
--                win ends in UNQUALIFIED (35 %), INACTIVE (30 %) or stays (35 %); a quarter of the INACTIVE ones that
--                had reached NURTURING come back to NURTURING. Days between stages grow along the path. Entries
--                after 2026-12-01 never happened (recent cohorts have progressed less, as in life).
--   merged       1 % merged (MANUAL) into an earlier lead; erased 0.5 %
--   team         the assigning rule's team, one of 8 (team-1 .. team-8, by rep)
-- lead_fact's stage, stage_at, furthest, contacted_at, won_at, lost_at and stage_entry's left_at are computed from
-- the stage_entry rows, as the consumer would have set them.
\set ON_ERROR_STOP on
\if :{?leads}
\else
  \set leads 1000000
\endif
\timing on

set max_parallel_workers_per_gather = 0;
set work_mem = '512MB';
set maintenance_work_mem = '1GB';

-- a uniform draw in [0, 1) for lead i, draw k
create function pg_temp.u(i bigint, k int) returns float8 language sql immutable parallel safe as
$$ select ((hashint8extended(i, k) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;
-- log-uniform seconds between lo and hi
create function pg_temp.lu(i bigint, k int, lo float8, hi float8) returns interval language sql immutable as
$$ select make_interval(secs => lo * exp(pg_temp.u(i, k) * ln(hi / lo))) $$;

create temp table gen as
with base as (
    select i,
           timestamptz '2024-12-01 00:00:00+00'
               + make_interval(secs => 730 * 86400
                   * ((-1 + sqrt(1 + 1.56 * ((i - 1 + pg_temp.u(i, 0)) / :leads))) / 0.6)) as captured_at,
           case when pg_temp.u(i, 1) < .30 then 1 when pg_temp.u(i, 1) < .48 then 2 when pg_temp.u(i, 1) < .60 then 3
                when pg_temp.u(i, 1) < .70 then 4 when pg_temp.u(i, 1) < .80 then 5 when pg_temp.u(i, 1) < .88 then 6
                when pg_temp.u(i, 1) < .95 then 7 else 8 end as sidx
    from generate_series(1, :leads) i
), draws as (
    select b.*,
           b.captured_at + pg_temp.lu(i, 18, 60, 172800) as assign_time,
           case when pg_temp.u(i, 28) < .12 then 1 when pg_temp.u(i, 28) < .34 then 2 when pg_temp.u(i, 28) < .62 then 3
                when pg_temp.u(i, 28) < .77 then 4 when pg_temp.u(i, 28) < .889 then 5 else 6 end as furthest,
           case when pg_temp.u(i, 9) < .20 or sidx = 4 then 'partner-' || lpad((1 + floor(25 * pg_temp.u(i, 10)))::text, 2, '0') end
               as partner_id,
           case when pg_temp.u(i, 13) < .80 then round(50 * (pg_temp.u(i, 14) + pg_temp.u(i, 15)))::int end as score
    from base b
)
select i,
       md5('lead-' || i)::uuid as lead_id,
       captured_at,
       (array['web_form','google_ads','facebook_ads','partner_portal','import','whatsapp','referral','event'])[sidx] as source,
       case when pg_temp.u(i, 2) >= .15 then 'cmp-' || lpad(((sidx - 1) * 4 + floor(4 * (pg_temp.u(i, 2) - .15) / .85) + 1)::text, 2, '0') end
           as campaign,
       case when pg_temp.u(i, 3) < .35 then 'DE' when pg_temp.u(i, 3) < .55 then 'FR' when pg_temp.u(i, 3) < .70 then 'NL'
            when pg_temp.u(i, 3) < .82 then 'ES' when pg_temp.u(i, 3) < .92 then 'IT' when pg_temp.u(i, 3) < .97 then 'AT' end
           as country,
       case when pg_temp.u(i, 4) < .45 then 'SMB' when pg_temp.u(i, 4) < .75 then 'MID_MARKET'
            when pg_temp.u(i, 4) < .90 then 'ENTERPRISE' when pg_temp.u(i, 4) < .97 then 'PUBLIC' end as segment,
       case when pg_temp.u(i, 5) < .97 then
           (array['prod-' || lpad((floor(10 * pg_temp.u(i, 6) ^ 1.3)::int % 10 + 1)::text, 2, '0'),
                  'prod-' || lpad(((floor(10 * pg_temp.u(i, 6) ^ 1.3)::int + 1 + floor(4 * pg_temp.u(i, 7))::int) % 10 + 1)::text, 2, '0'),
                  'prod-' || lpad(((floor(10 * pg_temp.u(i, 6) ^ 1.3)::int + 2 + floor(4 * pg_temp.u(i, 7))::int
                                    + floor(5 * pg_temp.u(i, 8))::int) % 10 + 1)::text, 2, '0')])
               [1:case when pg_temp.u(i, 5) < .55 then 1 when pg_temp.u(i, 5) < .85 then 2 else 3 end] end as products,
       partner_id,
       case when partner_id is null and pg_temp.u(i, 11) < .12 then captured_at + pg_temp.lu(i, 12, 3600, 864000) end as shared_at,
       case when partner_id is null and pg_temp.u(i, 11) < .12 then 'partner-' || lpad((1 + floor(25 * pg_temp.u(i, 12)))::text, 2, '0') end
           as shared_partner_id,
       score,
       case when score is not null then captured_at + make_interval(secs => 2 + 30 * pg_temp.u(i, 51)) end as scored_at,
       case when pg_temp.u(i, 16) < .90 then assign_time end as assigned_at,
       case when pg_temp.u(i, 16) < .90 then 'rep-' || lpad((1 + floor(200 * pg_temp.u(i, 17) ^ 1.2))::text, 3, '0') end as rep_id,
       case when pg_temp.u(i, 19) < .15 then captured_at + make_interval(secs => 1 + 30 * pg_temp.u(i, 19)) end as queued_at,
       case when pg_temp.u(i, 16) < .90 and pg_temp.u(i, 20) < .80 then assign_time + pg_temp.lu(i, 21, 60, 259200) end as first_touch_at,
       case when pg_temp.u(i, 16) < .90 and pg_temp.u(i, 22) < 1.0 / 6 then assign_time + make_interval(secs => 3600 + 169200 * pg_temp.u(i, 23)) end
           as sla_breached_at,
       case when i > 1000 and pg_temp.u(i, 24) < .01 then md5('lead-' || (i - 1 - floor(1000 * pg_temp.u(i, 25))::bigint))::uuid end
           as merged_into,
       case when pg_temp.u(i, 26) < .005 then captured_at + make_interval(secs => 200 * 86400 * pg_temp.u(i, 27)) end as erased_at,
       -- the stage walk (assigned leads only)
       pg_temp.u(i, 16) < .90 as opened,
       furthest,
       furthest >= 4 and pg_temp.u(i, 29) < .25 as skip_nurturing,
       furthest >= 3 and pg_temp.u(i, 30) < .05 as skip_contacted,
       case when furthest < 6 and pg_temp.u(i, 31) < .35 then 'UNQUALIFIED'
            when furthest < 6 and pg_temp.u(i, 31) < .65 then 'INACTIVE' end as way_out,
       furthest >= 3 and pg_temp.u(i, 32) < .25 as reactivated
from draws;

-- every stage entry of every lead, its time the sum of the gaps before it
create temp table se as
with steps as (
    select g.i, g.lead_id, g.assigned_at, s.seq, s.stage,
           case s.seq
               when 1 then make_interval(secs => 1 + 4 * pg_temp.u(g.i, 41))
               when 2 then pg_temp.lu(g.i, 42, 600, 259200)          -- CONTACTED: 10 min .. 3 days
               when 3 then pg_temp.lu(g.i, 43, 86400, 1209600)       -- NURTURING: 1 .. 14 days
               when 4 then pg_temp.lu(g.i, 44, 172800, 2592000)      -- QUALIFIED: 2 .. 30 days
               when 5 then pg_temp.lu(g.i, 45, 259200, 2592000)      -- NEGOTIATION: 3 .. 30 days
               when 6 then pg_temp.lu(g.i, 46, 432000, 5184000)      -- CUSTOMER: 5 .. 60 days
               when 7 then pg_temp.lu(g.i, 47, 172800, 7776000)      -- a way out: 2 .. 90 days
               else pg_temp.lu(g.i, 48, 604800, 10368000)            -- back to NURTURING: 7 .. 120 days
           end as gap
    from gen g
    cross join lateral (
        select r as seq, (array['OPEN','CONTACTED','NURTURING','QUALIFIED','NEGOTIATION','CUSTOMER'])[r] as stage
        from generate_series(1, g.furthest) r
        where not (r = 3 and g.skip_nurturing) and not (r = 2 and g.skip_contacted)
        union all
        select 7, g.way_out where g.way_out is not null
        union all
        select 8, 'NURTURING' where g.way_out = 'INACTIVE' and g.reactivated
    ) s
    where g.opened and g.assigned_at < timestamptz '2026-12-01 00:00:00+00'
), timed as (
    select i, lead_id, stage, seq, assigned_at + sum(gap) over (partition by i order by seq) as entered_at
    from steps
)
select i, lead_id, stage, seq, entered_at,
       -- the next entry, if it happened before the data's now
       nullif(least(lead(entered_at) over (partition by i order by entered_at), timestamptz '2026-12-01 00:00:00+00'),
              timestamptz '2026-12-01 00:00:00+00') as left_at
from timed where entered_at < timestamptz '2026-12-01 00:00:00+00';

-- what the consumer would have made of them
create temp table se_fact as
select i,
       (array_agg(stage order by entered_at desc))[1] as stage,
       max(entered_at) as stage_at,
       max(case stage when 'OPEN' then 1 when 'CONTACTED' then 2 when 'NURTURING' then 3 when 'QUALIFIED' then 4
                      when 'NEGOTIATION' then 5 when 'CUSTOMER' then 6 else 1 end) as furthest,
       min(entered_at) filter (where stage in ('CONTACTED','NURTURING','QUALIFIED','NEGOTIATION','CUSTOMER')) as contacted_at,
       min(entered_at) filter (where stage = 'CUSTOMER') as won_at,
       min(entered_at) filter (where stage = 'UNQUALIFIED') as lost_at
from se group by i;

begin;
truncate lead_fact, stage_entry;
-- the migrations' keys and indexes, to build again after the load exactly as they were
create temp table saved_index as
select 1 as rank, format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
           as rebuild,
       format('alter table %s drop constraint %I', conrelid::regclass, conname) as drop_it
from pg_constraint where conrelid in ('lead_fact'::regclass, 'stage_entry'::regclass) and contype in ('p', 'u')
union all
select 2, pg_get_indexdef(x.indexrelid), format('drop index %s', x.indexrelid::regclass)
from pg_index x
where x.indrelid in ('lead_fact'::regclass, 'stage_entry'::regclass)
  and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid);
select drop_it from saved_index order by rank desc \gexec

-- in the order the rows would have arrived
insert into stage_entry (lead_id, stage, entered_at, left_at)
select lead_id, stage, entered_at, left_at from se order by entered_at;

-- nothing is dated at or after 2026-12-01 (an event that has not happened yet)
insert into lead_fact (lead_id, source, captured_at, scored_at, score, grade, assigned_at, rep_id, partner_id, country,
                       segment, campaign, products, dimensions_at, qualified_at, queued_at, shared_at, shared_partner_id,
                       stage, stage_at, contacted_at, first_touch_at, won_at, lost_at, merged_into, erased_at,
                       sla_breached_at, rep_at, team_id, team_at, furthest)
select g.lead_id, g.source, g.captured_at, c.scored_at, case when c.scored_at is not null then g.score end,
       case when c.scored_at is null then null when g.score >= 80 then 'A' when g.score >= 60 then 'B'
            when g.score >= 40 then 'C' else 'D' end,
       c.assigned_at, case when c.assigned_at is not null then g.rep_id end,
       g.partner_id, g.country, g.segment, g.campaign, g.products, g.captured_at,
       case when g.score >= 57 then c.scored_at end, c.queued_at, c.shared_at,
       case when c.shared_at is not null then g.shared_partner_id end,
       s.stage, s.stage_at, s.contacted_at, c.first_touch_at, s.won_at, s.lost_at, g.merged_into, c.erased_at,
       c.sla_breached_at, c.assigned_at,
       case when c.assigned_at is not null then 'team-' || (1 + (hashtext(g.rep_id) & 7)) end, c.assigned_at,
       s.furthest
from gen g
cross join lateral (
    select nullif(least(g.scored_at, timestamptz '2026-12-01'), timestamptz '2026-12-01') as scored_at,
           nullif(least(g.assigned_at, timestamptz '2026-12-01'), timestamptz '2026-12-01') as assigned_at,
           nullif(least(g.queued_at, timestamptz '2026-12-01'), timestamptz '2026-12-01') as queued_at,
           nullif(least(g.shared_at, timestamptz '2026-12-01'), timestamptz '2026-12-01') as shared_at,
           nullif(least(g.first_touch_at, timestamptz '2026-12-01'), timestamptz '2026-12-01') as first_touch_at,
           nullif(least(g.sla_breached_at, timestamptz '2026-12-01'), timestamptz '2026-12-01') as sla_breached_at,
           nullif(least(g.erased_at, timestamptz '2026-12-01'), timestamptz '2026-12-01') as erased_at
) c
left join se_fact s on s.i = g.i
order by g.i;

select rebuild from saved_index order by rank \gexec
commit;

-- (with synchronous_commit off the first VACUUM left stage_entry's visibility map almost empty: index-only scans
-- then fetched every heap tuple; a second VACUUM is cheap and makes sure)
vacuum (analyze) lead_fact;
vacuum (analyze) stage_entry;
vacuum lead_fact, stage_entry;

select count(*) as leads, count(*) filter (where captured_at >= '2026-11-01') as last_30_days,
       count(*) filter (where captured_at >= '2025-12-01') as last_year,
       round(avg((score is not null)::int), 3) as scored, round(avg((qualified_at is not null)::int), 3) as qualified,
       round(avg((assigned_at is not null)::int), 3) as assigned, round(avg((won_at is not null)::int), 3) as won,
       round(avg((merged_into is not null)::int), 4) as merged, round(avg((erased_at is not null)::int), 4) as erased,
       round(avg((partner_id is null and shared_partner_id is null)::int), 3) as partnerless,
       round(avg((sla_breached_at is not null)::int), 3) as sla_breached
from lead_fact;
select round((select count(*) from stage_entry)::numeric / (select count(*) from lead_fact), 2) as entries_per_lead;
select stage, count(*) from lead_fact group by 1 order by 2 desc;
select relname, pg_size_pretty(pg_total_relation_size(oid)) as total, pg_size_pretty(pg_relation_size(oid)) as heap
from pg_class where relname in ('lead_fact', 'stage_entry')
   or oid in (select indexrelid from pg_index where indrelid in ('lead_fact'::regclass, 'stage_entry'::regclass))
order by 1;
