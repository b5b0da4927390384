-- sla.breached: the first time the lead's first-touch or next-touch target was missed (the reps' SLA hit rate).
alter table lead_fact add column sla_breached_at timestamptz;
