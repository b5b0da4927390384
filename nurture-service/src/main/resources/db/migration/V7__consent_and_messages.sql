-- Where each lead's consent stands per purpose and channel, as capture's consent.changed told (the newest recordedAt
-- wins, so a late or replayed event never overrides a newer one). A withdrawal for purpose 'all' is do-not-contact on
-- that channel. Deleted when the lead is erased; folded into the survivor on a manual merge.
create table consent_state (
    lead_id     uuid        not null,
    purpose     text        not null,
    channel     text        not null,
    status      text        not null check (status in ('GRANTED', 'WITHDRAWN')),
    method      text,
    recorded_at timestamptz not null,
    primary key (lead_id, purpose, channel)
);

-- Every message nurture sent (or tried to) through email, WhatsApp or SMS. subject and body are what the person got
-- (kept here only, deleted on erasure); the address is never stored: it is read from capture at send time.
create table message (
    id                  uuid        primary key,
    lead_id             uuid        not null,
    channel             text        not null check (channel in ('EMAIL', 'WHATSAPP', 'SMS')),
    purpose             text        not null,
    template_key        text,
    language            text,
    subject             text,
    body                text,
    status              text        not null check (status in ('SENDING', 'SENT', 'FAILED')),
    error               text,
    provider_message_id text,
    sent_by             text        not null,
    sequence_id         uuid,
    activity_id         uuid,
    idempotency_scope   text,
    idempotency_key     text,
    request_hash        text,
    created_at          timestamptz not null,
    sent_at             timestamptz,
    check ((idempotency_key is null) = (idempotency_scope is null) and (idempotency_key is null) = (request_hash is null))
);

create unique index message_idempotency on message (idempotency_scope, idempotency_key) where idempotency_key is not null;
-- the frequency cap counts a lead's sent messages in a window; the timeline pages them
create index message_lead_sent on message (lead_id, sent_at desc) where status = 'SENT';
create index message_lead_created on message (lead_id, created_at desc, id desc);

-- a sent message is on the lead's timeline as an activity (EMAIL, WHATSAPP or SMS, OUTBOUND) with source MESSAGE and
-- the message's id; message.sent announces it (not activity.logged: our outreach is not the lead's engagement)
alter table activity drop constraint activity_source_check;
alter table activity add constraint activity_source_check check (source in ('REP', 'INTEGRATION', 'INQUIRY', 'MESSAGE'));
alter table activity add column message_id uuid unique;
