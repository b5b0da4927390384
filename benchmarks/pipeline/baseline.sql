-- P1's baseline (benchmarks/pipeline/pipeline.sh): capture's lead table as migration V1 made it (the columns and
-- indexes a new lead is written to) and the chassis outbox, in a database of their own. pgbench inserts one lead and
-- its lead.captured outbox row per transaction (lead-insert.pgbench), as capture's hot path does at the least.
drop table if exists lead, outbox_event;
create table lead (
    id          uuid        primary key,
    first_name  text        not null,
    last_name   text        not null,
    email       text,
    phone       text,
    company     text,
    country     char(2),
    source      text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index lead_email on lead (email) where email is not null;
create index lead_phone on lead (phone) where phone is not null;
create index lead_created_at on lead (created_at, id);
