-- Where a lead came in, beyond its source channel: the partner whose token submitted it (the tenant, from the
-- token's partner_id claim, never from the body) and the web form it was posted to.
alter table lead add column partner_id text, add column form_key text;

create index lead_partner on lead (partner_id, created_at, id) where partner_id is not null;
