-- Partner submissions (POST /api/partner/leads). A partner sees its submissions, never the leads behind them:
-- a submission that matched an existing lead (another partner's, or one captured elsewhere) is merged into it
-- under the de-duplication rules like any other, and the partner still gets a submission of its own, with only
-- the data it sent. id is the partner's reference (/api/partner/leads/{id}) and is never a lead id.
-- submission holds the request as normalised (personal data: erasing a lead must erase its rows here too).
create table partner_submission (
    id           uuid        primary key,
    partner_id   text        not null,                                       -- the tenant: the token's partner_id
    lead_id      uuid        not null references lead (id),                  -- the lead created or merged into
    outcome      text        not null check (outcome in ('CREATED', 'MERGED')), -- internal; never shown to the partner
    submission   jsonb       not null check (jsonb_typeof(submission) = 'object'),
    submitted_at timestamptz not null,
    submitted_by text        not null                                        -- the caller's principal
);

-- the partner's list, newest first (keyset pagination)
create index partner_submission_partner on partner_submission (partner_id, submitted_at desc, id desc);
create index partner_submission_lead on partner_submission (lead_id);
