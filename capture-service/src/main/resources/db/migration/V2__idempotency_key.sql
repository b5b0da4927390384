-- Idempotency-Key records (api.md, POST /api/leads; later the partner API). One row per caller and key:
-- claimed IN_FLIGHT in its own short statement, then marked DONE with the response in the same
-- transaction as the lead and its outbox row, so a key is never DONE without its lead. Rows live 24 h
-- (expires_at); io.leadstream.capture.service.Idempotency purges expired ones on a schedule.
-- response_body holds the lead as first answered (personal data) until the row expires: erasing a lead
-- must delete the rows whose response_location names it.
create table idempotency_key (
    scope             text        not null,   -- the caller: token's azp + subject (or principal name)
    key               text        not null,   -- the Idempotency-Key header, 1-255 visible ASCII characters
    request_hash      text        not null,   -- SHA-256 (hex) of the operation and the canonical JSON request
    state             text        not null check (state in ('IN_FLIGHT', 'DONE')),
    claim_token       uuid        not null,   -- the claiming request; only it may complete or release the row
    response_status   integer,
    response_location text,
    response_body     text,                   -- exactly the bytes first sent (JSON or problem+json)
    created_at        timestamptz not null,   -- when the current claim was made
    expires_at        timestamptz not null,
    primary key (scope, key),
    check (state = 'IN_FLIGHT' or (response_status is not null and response_body is not null))
);

create index idempotency_key_expires_at on idempotency_key (expires_at);
