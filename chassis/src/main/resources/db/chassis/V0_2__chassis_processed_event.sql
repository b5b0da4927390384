-- Idempotent consumers (chassis): one row per event a consumer has applied, written in the same
-- transaction as the consumer's effect. A repeated ce_id finds its row and is skipped.
create table processed_event (
    consumer      text        not null,
    event_id      text        not null,             -- the ce_id of the event
    event_type    text,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
