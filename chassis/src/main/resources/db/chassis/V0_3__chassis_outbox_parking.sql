-- An outbox that cannot jam (chassis OutboxRelay, issue 14): a row the broker keeps refusing for a reason that will
-- not pass is parked after leadstream.outbox.max-attempts tries; the rows behind it flow, except its own lead's later
-- events, which wait behind it so that a lead's events are never published out of order. An operator un-parks it
-- (parked_at = null) once the cause is fixed. Published rows are purged after leadstream.outbox.published-retention.
alter table outbox_event add column parked_at timestamptz;

-- the leads held back by a parked row (the relay's claim checks it for every row it takes)
create index outbox_event_parked on outbox_event (aggregate_id) where parked_at is not null and published_at is null;
-- the purge of published rows
create index outbox_event_published on outbox_event (published_at) where published_at is not null;
