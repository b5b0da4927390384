-- Inbound contacts from the inquiry channels (WhatsApp messages, Google Ads lead forms, logged calls): one row per
-- contact, keyed by the channel's own id so a webhook delivered again (Meta and Google retry) creates nothing new.
-- Personal data: the WhatsApp message id encodes the sender's phone number and a call's note is free text, so
-- erasing a lead must delete its rows (as for lead_merge).
create table inbound_contact (
    id          uuid        primary key,
    channel     text        not null check (channel in ('whatsapp', 'google-ads', 'call')),
    external_id text,                    -- WhatsApp message id, Google lead_id, the caller's call id (optional)
    lead_id     uuid,                    -- the lead it created or was logged on; null when rejected
    outcome     text        not null check (outcome in ('CREATED', 'MERGED', 'INQUIRY', 'REJECTED')),
    received_at timestamptz not null,    -- when the contact happened (message timestamp, call occurredAt)
    recorded_at timestamptz not null,
    test        boolean     not null default false, -- Google Ads test leads (is_test)
    details     jsonb       not null default '{}',  -- non-personal metadata: message type, campaign ids, gclid, …
    note        text,                    -- a call's summary (personal data)
    unique (channel, external_id)        -- several NULLs (calls without an id) are allowed
);

create index inbound_contact_lead on inbound_contact (lead_id) where lead_id is not null;
