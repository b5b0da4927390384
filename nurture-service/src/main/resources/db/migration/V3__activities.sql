-- Activities on a lead's timeline: calls, emails, WhatsApp messages, SMS, meetings, notes and documents (metadata
-- only: the file itself is never uploaded), logged by reps and integrations (POST /api/leads/{leadId}/activities) or
-- from capture's inquiries (lead.inquired). subject and text are kept here only: activity.logged never carries them.
-- A lead's erasure (lead.erased) deletes its rows; a manual merge (lead.merged) moves them to the surviving lead.
create table activity (
    id                  uuid        primary key,
    lead_id             uuid        not null,
    kind                text        not null check (kind in ('CALL', 'EMAIL', 'WHATSAPP', 'SMS', 'MEETING', 'NOTE',
                                                             'DOCUMENT')),
    direction           text        check (direction in ('INBOUND', 'OUTBOUND')),
    duration_seconds    integer     check (duration_seconds >= 0),
    outcome             text,
    subject             text,
    text                text,
    document_file_name  text,
    document_media_type text,
    document_size_bytes bigint      check (document_size_bytes >= 0),
    document_sha256     text        check (document_sha256 ~ '^[0-9a-f]{64}$'),
    reply_to_message_id uuid,
    source              text        not null check (source in ('REP', 'INTEGRATION', 'INQUIRY')),
    logged_by           text        not null,
    occurred_at         timestamptz not null,
    logged_at           timestamptz not null,
    -- capture's inquiryId for source INQUIRY: an inquiry becomes one activity, however often it is delivered
    inquiry_id          uuid        unique,
    -- Idempotency-Key of the request that logged it (scope = the caller), and the fingerprint of that request
    idempotency_scope   text,
    idempotency_key     text,
    request_hash        text,
    check ((idempotency_key is null) = (idempotency_scope is null) and (idempotency_key is null) = (request_hash is null))
);

-- the timeline's order (newest first, stable) and its keyset pages
create index activity_lead_occurred on activity (lead_id, occurred_at desc, id desc);
create unique index activity_idempotency on activity (idempotency_scope, idempotency_key)
    where idempotency_key is not null;
