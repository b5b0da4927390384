-- Who captured a lead (issue 9), for distribution's "lead owner (the capturer)" rule and OWNER strategy: the
-- principal name of the caller who created it through the authenticated API (POST /api/leads, the import,
-- POST /api/calls) — a rep's Keycloak username, or an integration's service account. Null for leads from a public
-- web form, a webhook (WhatsApp, Google Ads) or the partner API (the partner is named by partner_id), and for every
-- lead captured before this column existed: who created those was not recorded, and is not guessed here.
-- A username of ours, not personal data of the lead: it stays on the tombstone when the lead is erased. Set once,
-- at creation; a submission merged into the lead later does not change it, and PATCH cannot write it.
alter table lead add column captured_by text;
