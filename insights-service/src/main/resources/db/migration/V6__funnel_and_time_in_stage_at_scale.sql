-- P5 (quality.md: p95 < 100 ms over 1 000 000 leads). Measured on benchmarks/insights/load-facts.sql's million
-- leads, the funnel's lateral max over stage_entry (one index probe per lead of the cohort) took 250 ms for 30 days
-- and 3 s for a year, and time in stage's search for each entry's next one 1.6 s for 30 days: both are now kept as
-- the events arrive, each written so that the order of arrival does not matter.

-- The furthest stage of the main path a lead reached: 1 OPEN .. 6 CUSTOMER, a way out (INACTIVE, UNQUALIFIED) 1.
-- The greatest seen, so a late or repeated stage change leaves it right.
alter table lead_fact add column furthest smallint;

update lead_fact f set furthest = r.furthest
from (select lead_id, max(case stage when 'OPEN' then 1 when 'CONTACTED' then 2 when 'NURTURING' then 3
                                     when 'QUALIFIED' then 4 when 'NEGOTIATION' then 5 when 'CUSTOMER' then 6
                                     else 1 end) as furthest
      from stage_entry group by lead_id) r
where r.lead_id = f.lead_id;

-- When the lead left the stage: its next entry (the earliest later one; entries at the same instant are not each
-- other's next); null while it is still in it. An entry arriving late sets its own and shortens the one before it.
alter table stage_entry add column left_at timestamptz;

update stage_entry s set left_at = n.left_at
from (select lead_id, stage, entered_at,
             min(entered_at) over (partition by lead_id order by entered_at
                                   range between '0.000001 seconds' following and unbounded following) as left_at
      from stage_entry) n
where n.lead_id = s.lead_id and n.stage = s.stage and n.entered_at = s.entered_at and n.left_at is not null;

-- time in stage finds a range's ended entries by when they were entered, and reads the rest from the index
create index stage_entry_ended on stage_entry (entered_at) include (stage, left_at, lead_id) where left_at is not null;
-- merged leads are few: the figures leave them out through this small index
create index lead_fact_merged on lead_fact (lead_id) where merged_into is not null;
