-- Per-lead order (chassis, issue 14; docs/events.md, "Order"). Each service numbers its events per lead: the n-th
-- event it records for a lead carries sequence n (CloudEvents extension "sequence", Kafka header ce_sequence).
--
-- outbox_sequence: the last number given per lead. Outbox.record takes the next one with an upsert whose row lock is
-- held until the recording transaction ends, so two transactions recording events for one lead run their recording
-- one after the other: the second's row is inserted, and numbered, after the first has committed.
create table outbox_sequence (
    aggregate_id   text   primary key,
    last_sequence  bigint not null
);

-- the lead's number for this event (null on rows recorded before this migration)
alter table outbox_event add column sequence bigint;
-- insertion order: the relay publishes in this order (a lead's rows: commit order, see above)
alter table outbox_event add column position bigint generated always as identity;

drop index outbox_event_pending;
create index outbox_event_pending on outbox_event (position) where published_at is null and parked_at is null;

-- inbox_lead: per consumer, per publishing service (ce_source) and lead, the last sequence applied, and the sequence
-- of an event the consumer dead-lettered (held_from): the lead's later events are then held (dead-lettered after it,
-- in order) until a replay applies it, so that a replay applies the lead's events in their order.
create table inbox_lead (
    consumer       text        not null,
    source         text        not null,
    aggregate_id   text        not null,
    last_sequence  bigint      not null,
    held_from      bigint,
    held_at        timestamptz,
    primary key (consumer, source, aggregate_id)
);

-- processed_event rows of sequenced events may be purged after leadstream.events.processed-retention: a copy read
-- again later is behind its lead's last_sequence and skipped all the same. Rows of unsequenced events stay.
alter table processed_event add column sequence bigint;
create index processed_event_purge on processed_event (processed_at) where sequence is not null;
