-- The consent ledger: every grant and withdrawal per lead, purpose and channel, with its proof.
-- Append-only: a change of mind is a new row; the current state is the latest row per purpose and
-- channel (by seq, the order of recording). address and ip_address are personal data.
create table consent_entry (
    id            uuid        primary key,
    seq           bigint      generated always as identity unique,
    lead_id       uuid        not null references lead (id),
    purpose       text        not null,             -- lower-case slug: marketing, sales-contact, newsletter, ...
    channel       text        not null check (channel in ('EMAIL', 'WHATSAPP', 'SMS', 'PHONE')),
    status        text        not null check (status in ('GRANTED', 'WITHDRAWN')),
    captured_at   timestamptz not null,             -- proof: when the person said it
    method        text        not null,             -- proof: web-form, double-opt-in, verbal, api, ...
    text_version  text,                             -- proof: version of the consent text shown (required for grants)
    source        text        not null,             -- proof: where (form key, app, call)
    address       text,                             -- proof: the email (lower-cased) or phone (E.164) it is for
    ip_address    text,                             -- proof: the person's IP address, when known
    recorded_at   timestamptz not null,
    recorded_by   text        not null              -- the caller's principal
);

create index consent_entry_lead on consent_entry (lead_id, seq);

-- The database itself keeps the ledger append-only, whatever the application does.
-- Erasure hook (GDPR art. 17, the erasure issue): the erasure transaction runs
--     set local leadstream.consent_erasure = 'on';
-- and may then overwrite only the personal proof columns (address, ip_address) with a pseudonym or
-- null; every other column must stay as it was. DELETE and TRUNCATE are always refused.
create function consent_entry_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE'
            and current_setting('leadstream.consent_erasure', true) = 'on'
            and (new.id, new.seq, new.lead_id, new.purpose, new.channel, new.status, new.captured_at, new.method,
                 new.text_version, new.source, new.recorded_at, new.recorded_by)
                is not distinct from
                (old.id, old.seq, old.lead_id, old.purpose, old.channel, old.status, old.captured_at, old.method,
                 old.text_version, old.source, old.recorded_at, old.recorded_by) then
        return new;
    end if;
    raise exception 'consent_entry is append-only: % refused', tg_op
        using errcode = 'restrict_violation',
              hint = 'record a new grant or withdrawal instead; erasure may only pseudonymise address and ip_address';
end
$$;

create trigger consent_entry_no_update_delete before update or delete on consent_entry
    for each row execute function consent_entry_append_only();
create trigger consent_entry_no_truncate before truncate on consent_entry
    for each statement execute function consent_entry_append_only();
