-- Erasure (GDPR art. 17, DELETE /api/leads/{id}): the lead row stays as a tombstone (id, source, company,
-- country, dates: what other services' events refer to) with every personal column set to null and erased_at set.
alter table lead alter column first_name drop not null, alter column last_name drop not null,
    add column erased_at timestamptz,
    add constraint lead_erased_has_no_name check (erased_at is null or (first_name is null and last_name is null
        and email is null and phone is null)),
    add constraint lead_has_a_name check (erased_at is not null or (first_name is not null and last_name is not null));
