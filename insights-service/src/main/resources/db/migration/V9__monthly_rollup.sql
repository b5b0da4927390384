-- P5: a figure over a long range grouped by a key with many values (about 200 reps a day) read 146 000 daily rows for
-- two years. lead_month holds the same as lead_day per UTC month (column day: the month's first day), summed from
-- lead_day whenever one of its days is recomputed; a query reads the whole UTC months of its ranges from it, unless a
-- day of the month is dirty (then its days, as before).
create table lead_month (like lead_day);
create index lead_month_dim_day on lead_month (dim, day) include (key, key2, leads, scored, assigned, qualified, won, lost);

create or replace function rollup_truncate() returns trigger language plpgsql as $$
begin
    execute format('truncate %1$I.lead_day, %1$I.lead_month, %1$I.funnel_day, %1$I.rollup_dirty', tg_table_schema);
    return null;
end
$$;

-- every day dirty once more: the pass fills the months as it recomputes the days
insert into rollup_dirty (day) select distinct (captured_at at time zone 'UTC')::date from lead_fact
where captured_at is not null;
