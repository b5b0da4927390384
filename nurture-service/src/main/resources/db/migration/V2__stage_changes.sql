-- Every move of a lead through the pipeline, never updated: its opening on the first assignment (from_stage null,
-- changed_by null) and each move a rep or manager made (POST /api/leads/{leadId}/stage), with the reason code and the
-- mover's note. The note stays here; lead.stage-changed carries the reason code only.
create table stage_change (
    id          uuid        primary key,
    lead_id     uuid        not null,
    from_stage  text        check (from_stage in ('OPEN', 'CONTACTED', 'NURTURING', 'QUALIFIED', 'NEGOTIATION',
                                                  'CUSTOMER', 'INACTIVE', 'UNQUALIFIED')),
    to_stage    text        not null check (to_stage in ('OPEN', 'CONTACTED', 'NURTURING', 'QUALIFIED', 'NEGOTIATION',
                                                         'CUSTOMER', 'INACTIVE', 'UNQUALIFIED')),
    reason      text        not null,           -- a reason code, or what moved the lead (assigned to rep1)
    note        text,                           -- the mover's own words, never in an event
    changed_by  text,                           -- the mover's Keycloak username; null: nurture itself
    changed_at  timestamptz not null
);

create index stage_change_lead on stage_change (lead_id, changed_at);

-- the leads nurture knew before this history: where each stands, since when (how it got there is not known)
insert into stage_change (id, lead_id, from_stage, to_stage, reason, note, changed_by, changed_at)
select gen_random_uuid(), lead_id, null, stage,
       case when stage = 'OPEN' and owner is not null then 'assigned to ' || owner else 'before the stage history' end,
       null, null, stage_since
from lead_stage;
