-- P5 (quality.md: p95 < 100 ms over 1 000 000 leads). Counting a year's leads row by row took about a second however
-- it was indexed (benchmarks/insights/p5.sh, docs/benchmarks.md), so the figures over the leads captured in a range
-- read whole UTC days from daily rollups and only the parts of days at the ends of the range (or of each bucket) from
-- lead_fact (package rollups).
--
-- The rollups are derived from lead_fact and nothing else: a day's rows are the aggregate of the leads captured that
-- UTC day, recomputed as a whole. Every statement that writes lead_fact marks the capture days of the rows it wrote
-- (before and after) dirty; a query reads a dirty day from lead_fact, so a figure is exact at every moment, and a
-- scheduled pass recomputes the dirty days and removes the marks it saw, in one transaction.

-- Append-only (no key): a mark is never updated, so a write committing while a day is recomputed leaves its own mark
-- behind and the day stays dirty.
create table rollup_dirty (day date not null);
create index rollup_dirty_day on rollup_dirty (day);

-- The leads captured on a UTC day per dimension and key (dimension '' : all of them, key null); a manually merged lead
-- is left out (counted as its survivor), an erased one kept. dim/key/key2 are the rollups' Dimension (Java).
create table lead_day (
    day        date   not null,
    dim        text   not null,
    key        text,
    key2       text,
    leads      bigint not null,
    scored     bigint not null,
    assigned   bigint not null,
    qualified  bigint not null,
    won        bigint not null,
    lost       bigint not null         -- not won and in UNQUALIFIED now
);
create index lead_day_dim_day on lead_day (dim, day) include (key, key2, leads, scored, assigned, qualified, won, lost);

-- The funnel per UTC capture day: the leads per furthest main-path stage (null: never entered it), and of them how
-- many stand in UNQUALIFIED or INACTIVE now; dimension '' (all), 'source', 'segment' or 'product' (a lead under each of
-- its products).
create table funnel_day (
    day         date     not null,
    dim         text     not null,
    key         text,
    furthest    smallint,
    leads       bigint   not null,
    unqualified bigint   not null,
    inactive    bigint   not null
);
create index funnel_day_dim_day on funnel_day (dim, key, day) include (furthest, leads, unqualified, inactive);

-- Marks the capture days of the rows a statement wrote. Statement-level with transition tables: one insert per
-- statement. The schema is the trigger's table's own, so that a rebuild's fresh tables (schema insights_rebuild) mark
-- their own rollup_dirty and, once swapped into public, public's.
create function rollup_mark_dirty() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        execute format('insert into %I.rollup_dirty (day) select distinct (captured_at at time zone ''UTC'')::date '
                       'from (select captured_at from old_rows union select captured_at from new_rows) c '
                       'where captured_at is not null', tg_table_schema);
    else
        execute format('insert into %I.rollup_dirty (day) select distinct (captured_at at time zone ''UTC'')::date '
                       'from new_rows where captured_at is not null', tg_table_schema);
    end if;
    return null;
end
$$;

create trigger lead_fact_inserted after insert on lead_fact referencing new table as new_rows
    for each statement execute function rollup_mark_dirty();
create trigger lead_fact_updated after update on lead_fact referencing old table as old_rows new table as new_rows
    for each statement execute function rollup_mark_dirty();
create trigger lead_fact_deleted after delete on lead_fact referencing old table as new_rows
    for each statement execute function rollup_mark_dirty();

-- emptied facts, emptied rollups
create function rollup_truncate() returns trigger language plpgsql as $$
begin
    execute format('truncate %1$I.lead_day, %1$I.funnel_day, %1$I.rollup_dirty', tg_table_schema);
    return null;
end
$$;
create trigger lead_fact_truncated after truncate on lead_fact for each statement execute function rollup_truncate();

-- what is there already: every day dirty, the scheduled pass fills the rollups
insert into rollup_dirty (day) select distinct (captured_at at time zone 'UTC')::date from lead_fact
where captured_at is not null;
