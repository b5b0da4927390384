-- De-duplication on create (issue 3). A submission whose normalised email or E.164 phone already belongs to a
-- lead is merged into it (lead_merge, the audit of every merge) or, for sources configured "flag", stored as a
-- new lead with the suspected pair recorded (lead_duplicate).

-- Merge history of the surviving lead. submission holds the request as normalised (personal data: erasing a
-- lead must erase its rows here too); filled_fields the blank fields of the lead it filled, with their values.
create table lead_merge (
    id            uuid        primary key,
    lead_id       uuid        not null references lead (id),           -- the survivor
    kind          text        not null check (kind in ('SUBMISSION')), -- later: MANUAL (POST /api/leads/{id}/merge)
    matched_on    text        not null check (matched_on in ('EMAIL', 'PHONE', 'EMAIL_AND_PHONE')),
    source        text        not null,                                -- the submission's source
    submission    jsonb       not null check (jsonb_typeof(submission) = 'object'),
    filled_fields jsonb       not null check (jsonb_typeof(filled_fields) = 'object'),
    merged_at     timestamptz not null,
    merged_by     text        not null                                 -- the caller's principal
);

create index lead_merge_lead on lead_merge (lead_id, merged_at);

-- A lead captured although it looked like an existing one (policy "flag"): lead_id is the new lead.
create table lead_duplicate (
    lead_id           uuid        not null references lead (id),
    suspected_lead_id uuid        not null references lead (id),
    matched_on        text        not null check (matched_on in ('EMAIL', 'PHONE', 'EMAIL_AND_PHONE')),
    detected_at       timestamptz not null,
    primary key (lead_id, suspected_lead_id)
);

create index lead_duplicate_suspected on lead_duplicate (suspected_lead_id);
