-- P5 (quality.md: p95 < 100 ms over 1 000 000 leads) for the last two figures that read every row of their range:
-- time in stage sorted every stay entered in the range (124 ms for 30 days, 1.8 s for a year) and the reps' figures
-- every lead captured in it (260 ms for 90 days) — benchmarks/insights/p5.sh, docs/benchmarks.md.

-- 1. The reps' counts from the daily rollups (dimension rep): two more measures, for every dimension.
alter table lead_day add column contacted bigint not null default 0,       -- reached CONTACTED or later
                     add column sla_breached bigint not null default 0;    -- an SLA target missed
alter table lead_month add column contacted bigint not null default 0,
                       add column sla_breached bigint not null default 0;
drop index lead_day_dim_day;
create index lead_day_dim_day on lead_day (dim, day)
    include (key, key2, leads, scored, assigned, qualified, won, lost, contacted, sla_breached);
drop index lead_month_dim_day;
create index lead_month_dim_day on lead_month (dim, day)
    include (key, key2, leads, scored, assigned, qualified, won, lost, contacted, sla_breached);
insert into rollup_dirty (day) select distinct (captured_at at time zone 'UTC')::date from lead_fact
where captured_at is not null;

-- 2. The reps' median time from assignment to first touch through bins, as the summary's median speed-to-lead (V8):
-- each lead's seconds and their bin (one per factor e of seconds: 0 under 3 s, 4 about a minute, 8 an hour, 11 a day;
-- a touch before the assignment in bin 0); the daily rollup counts each rep's leads per bin (lead_day dimension
-- repTouchBin), which says which one or two bins hold each rep's median; only those bins' leads are then read (this
-- index) and the median taken between them as percentile_cont does.
alter table lead_fact add column touch_seconds float8 generated always as (
                          extract(epoch from first_touch_at - assigned_at)) stored,
                      add column touch_bin smallint generated always as (   -- greatest() skips nulls: the case
                          case when first_touch_at is not null and assigned_at is not null
                               then floor(ln(greatest(extract(epoch from first_touch_at - assigned_at), 1)))::smallint
                          end) stored;
create index lead_fact_rep_touch on lead_fact (rep_id, touch_bin, captured_at) include (touch_seconds)
    where merged_into is null and touch_seconds is not null;

-- 3. Time in stage through bins, as the summary's median speed-to-lead (V8): each ended stay's seconds and its bin
-- (32 per factor e of seconds: 0 under a second, 131 a minute, 262 an hour, 363 a day, 472 a month). stage_day counts the
-- stays per UTC day of entering, stage and bin (stage_month the same per UTC month), which says which one or two bins
-- hold each percentile; only those bins' stays are then read (index stage_entry_stay) and the percentile taken
-- between them as percentile_cont does. A stay of a lead merged into another is left out, as before.
alter table stage_entry add column stay_seconds float8 generated always as (extract(epoch from left_at - entered_at)) stored,
                        add column stay_bin smallint generated always as (
                            case when left_at is not null
                                 then floor(32 * ln(greatest(extract(epoch from left_at - entered_at), 1)))::smallint
                            end) stored;

drop index stage_entry_ended;
create index stage_entry_ended on stage_entry (entered_at) include (stage, stay_bin, stay_seconds, lead_id)
    where left_at is not null;
create index stage_entry_stay on stage_entry (stage, stay_bin, entered_at) include (stay_seconds, lead_id)
    where left_at is not null;

create table stage_dirty (day date not null);
create index stage_dirty_day on stage_dirty (day);

create table stage_day (
    day     date     not null,
    stage   text     not null,
    bin     smallint not null,
    entries bigint   not null
);
create index stage_day_day on stage_day (day) include (stage, bin, entries);
create table stage_month (like stage_day);
create index stage_month_day on stage_month (day) include (stage, bin, entries);

-- As rollup_mark_dirty (V7): the entering days of the rows a statement wrote on stage_entry.
create function stage_mark_dirty() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        execute format('insert into %I.stage_dirty (day) select distinct (entered_at at time zone ''UTC'')::date '
                       'from (select entered_at from old_rows union select entered_at from new_rows) c', tg_table_schema);
    else
        execute format('insert into %I.stage_dirty (day) select distinct (entered_at at time zone ''UTC'')::date '
                       'from new_rows', tg_table_schema);
    end if;
    return null;
end
$$;

create trigger stage_entry_inserted after insert on stage_entry referencing new table as new_rows
    for each statement execute function stage_mark_dirty();
create trigger stage_entry_updated after update on stage_entry referencing old table as old_rows new table as new_rows
    for each statement execute function stage_mark_dirty();
create trigger stage_entry_deleted after delete on stage_entry referencing old table as new_rows
    for each statement execute function stage_mark_dirty();

-- A lead merged into another (or no longer) changes the stays counted on the days of its entries: lead_fact's trigger
-- marks those too (one function, so a statement on lead_fact still runs one trigger).
create or replace function rollup_mark_dirty() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        execute format('insert into %I.rollup_dirty (day) select distinct (captured_at at time zone ''UTC'')::date '
                       'from (select captured_at from old_rows union select captured_at from new_rows) c '
                       'where captured_at is not null', tg_table_schema);
        execute format('insert into %1$I.stage_dirty (day) select distinct (e.entered_at at time zone ''UTC'')::date '
                       'from new_rows n join old_rows o on o.lead_id = n.lead_id '
                       'join %1$I.stage_entry e on e.lead_id = n.lead_id '
                       'where (n.merged_into is null) <> (o.merged_into is null)', tg_table_schema);
    else
        execute format('insert into %I.rollup_dirty (day) select distinct (captured_at at time zone ''UTC'')::date '
                       'from new_rows where captured_at is not null', tg_table_schema);
        execute format('insert into %1$I.stage_dirty (day) select distinct (e.entered_at at time zone ''UTC'')::date '
                       'from new_rows n join %1$I.stage_entry e on e.lead_id = n.lead_id '
                       'where n.merged_into is not null', tg_table_schema);
    end if;
    return null;
end
$$;

-- emptied stage entries, emptied stage rollups; emptied facts: no lead is merged any more, every day of a stay dirty
create function stage_truncate() returns trigger language plpgsql as $$
begin
    execute format('truncate %1$I.stage_day, %1$I.stage_month, %1$I.stage_dirty', tg_table_schema);
    return null;
end
$$;
create trigger stage_entry_truncated after truncate on stage_entry for each statement execute function stage_truncate();

create or replace function rollup_truncate() returns trigger language plpgsql as $$
begin
    execute format('truncate %1$I.lead_day, %1$I.lead_month, %1$I.funnel_day, %1$I.rollup_dirty', tg_table_schema);
    execute format('insert into %1$I.stage_dirty (day) select distinct (entered_at at time zone ''UTC'')::date '
                   'from %1$I.stage_entry where left_at is not null', tg_table_schema);
    return null;
end
$$;

-- what is there already: every day of a stay dirty, the scheduled pass fills the stage rollups
insert into stage_dirty (day) select distinct (entered_at at time zone 'UTC')::date from stage_entry
where left_at is not null;
