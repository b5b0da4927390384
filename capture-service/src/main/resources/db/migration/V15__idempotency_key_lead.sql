-- The lead an Idempotency-Key's stored answer is about (issue 7), so that erasing the lead deletes the answer
-- whatever it shows: a sales rep's answer to a submission merged into a lead they may not see names no lead (no
-- Location, no id) but holds what they sent. Answers stored before: found by their Location, as erasure did.
alter table idempotency_key add column lead_id uuid;

update idempotency_key
   set lead_id = cast(substring(response_location from '/api/leads/([0-9a-fA-F-]{36})$') as uuid)
 where response_location ~ '/api/leads/[0-9a-fA-F-]{36}$';

update idempotency_key k
   set lead_id = s.lead_id
  from partner_submission s
 where k.lead_id is null and k.response_location like '%/api/partner/leads/' || cast(s.id as text);

create index idempotency_key_lead on idempotency_key (lead_id) where lead_id is not null;
