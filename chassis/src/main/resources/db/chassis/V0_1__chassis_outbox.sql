-- Transactional outbox (chassis). Written in the same transaction as the state change it announces;
-- relayed to Kafka by io.leadstream.chassis.outbox.OutboxRelay. Each service migrates it from
-- classpath:db/chassis next to its own db/migration (chassis versions are 0.x, services start at 1).
create table outbox_event (
    id            uuid        primary key,          -- becomes ce_id
    aggregate_id  text        not null,             -- the lead id: Kafka key and ce_subject
    event_type    text        not null,             -- e.g. lead.captured -> ce_type leadstream.lead.captured.v1
    payload       jsonb       not null,
    occurred_at   timestamptz not null,             -- ce_time
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text
);

create index outbox_event_pending on outbox_event (occurred_at, id) where published_at is null;
