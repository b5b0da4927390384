-- Inbound email (issue 12): mail to the alias mailbox (IMAP) or the inbound-mail webhook is a contact of channel
-- 'email', keyed by its Message-ID (else a digest of its bytes); its subject and text are the note (personal data,
-- deleted with the lead on erasure, as every note). Auto-replies, bounces and mailing-list mail are recorded as
-- IGNORED (no lead, no event), so that a redelivery is recognised and skipped too.
alter table inbound_contact drop constraint inbound_contact_channel_check;
alter table inbound_contact add constraint inbound_contact_channel_check
    check (channel in ('whatsapp', 'google-ads', 'call', 'email'));
alter table inbound_contact drop constraint inbound_contact_outcome_check;
alter table inbound_contact add constraint inbound_contact_outcome_check
    check (outcome in ('CREATED', 'MERGED', 'INQUIRY', 'REJECTED', 'IGNORED'));
