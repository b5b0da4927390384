-- Outbound webhooks (webhooks): admins subscribe a URL to event types of the catalogue; every event nurture reads
-- (capture's, scoring's, distribution's and its own, from Kafka) that a subscription wants becomes a delivery, written
-- in the consuming event's transaction and sent by the delivery pass, signed per Standard Webhooks. The payload is the
-- event as a structured-mode CloudEvent: what Kafka carries, so nothing personal.
create table webhook_subscription (
    id                    uuid        primary key,
    url                   text        not null,
    event_types           text[]      not null,            -- event names of the catalogue (lead.captured, ...)
    filter_source         text,                            -- only leads of this source (lead.captured's source)
    filter_product        text,                            -- only leads interested in this product
    filter_segment        text,                            -- only leads of this segment
    secret                text        not null,            -- whsec_<base64>: signs every delivery (kept to sign)
    allow_private_targets boolean     not null default false, -- an admin allowed private, loopback, link-local hosts
    description           text,
    status                text        not null,            -- ACTIVE, PAUSED
    paused_at             timestamptz,
    paused_reason         text,
    pause_noticed_at      timestamptz,                     -- when the admins were told (null: not yet)
    created_by            text        not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

-- one row per subscription and event: the CloudEvent exactly as signed, and how its delivery goes
create table webhook_delivery (
    id               uuid        primary key,              -- the webhook-id header: the same on every attempt
    seq              bigserial   not null,                 -- arrival order: ties of event_time, and the log's cursor
    subscription_id  uuid        not null references webhook_subscription (id) on delete cascade,
    event_id         text        not null,                 -- ce_id
    event_type       text        not null,                 -- ce_type
    lead_id          text,                                 -- ce_subject: deliveries of one lead go in event order
    event_time       timestamptz not null,                 -- ce_time
    payload          text        not null,
    filter_pending   boolean     not null default false, -- queued before the lead's attributes were known: its
                                                         -- subscription's filter is applied when it is due
    status           text        not null,                 -- PENDING, DELIVERED, FAILED (given up)
    attempts         integer     not null default 0,
    first_attempt_at timestamptz,                          -- the retry window starts here
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz not null,                 -- due from then on (also a claim's lease)
    last_status      integer,                              -- the target's last HTTP status, null when none answered
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz not null,
    constraint webhook_delivery_once unique (subscription_id, event_id)
);

-- the delivery pass: due deliveries, and for each the earlier ones of its lead still pending
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_lead_order on webhook_delivery (subscription_id, lead_id, event_time, seq)
    where status = 'PENDING';
-- the delivery log, newest first, and the purge of old delivered rows
create index webhook_delivery_log on webhook_delivery (subscription_id, seq desc);
create index webhook_delivery_delivered on webhook_delivery (delivered_at) where status = 'DELIVERED';

-- what the subscriptions' filters look at, per lead, from lead.captured and lead.updated (newest wins); business
-- attributes only, deleted when the lead is erased
create table webhook_lead (
    lead_id    uuid        primary key,
    source     text,
    segment    text,
    products   text[]      not null default '{}',
    changed_at timestamptz not null                        -- the event's time: an older event changes nothing
);
