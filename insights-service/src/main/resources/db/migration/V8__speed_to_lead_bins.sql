-- P5: the summary's median speed-to-lead (capture to first assignment) without reading every lead of the range. Each
-- lead's speed falls in a bin (4 per factor e of seconds: 0 under 2 s, 27 about an hour, 44 about a month); the daily
-- rollup counts the leads per bin (lead_day dimension speedBin), which says which bin holds the median; only that
-- bin's leads are then read (this index), sorted, and the median taken between them as percentile_cont does: the
-- same figure as before, exactly.
alter table lead_fact add column speed_bin smallint generated always as (
    case when assigned_at is not null and captured_at is not null
         then floor(4 * ln(greatest(extract(epoch from assigned_at - captured_at), 1)))::smallint end) stored;

create index lead_fact_speed_bin on lead_fact (speed_bin, captured_at) include (assigned_at)
    where merged_into is null and speed_bin is not null;

-- the rollups gain the dimension: every day dirty, the pass recomputes them
insert into rollup_dirty (day) select distinct (captured_at at time zone 'UTC')::date from lead_fact
where captured_at is not null;
