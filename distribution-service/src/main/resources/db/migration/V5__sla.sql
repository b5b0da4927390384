-- SLAs (PUT /api/sla): one row, the document as an admin wrote it (sla.SlaDocument); none: the built-in default.
create table sla_settings (
    id          integer     primary key check (id = 1),
    document    jsonb       not null,
    updated_by  text        not null,
    updated_at  timestamptz not null
);

-- Each lead's SLA clock: started when a rep gets the lead, turned into a next-touch clock by each contact nurture
-- reports, stopped when the lead leaves the pipeline. next_due_at is when the breach pass must act (reminder,
-- escalation, reassignment; null: stopped, or every step taken), computed in the rep's business time.
create table sla_clock (
    lead_id        uuid        primary key,
    rep_id         text collate "C" not null,
    kind           text        not null check (kind in ('FIRST_TOUCH', 'NEXT_TOUCH')),
    policy         jsonb       not null,   -- the policy it started with, as sla.SlaDocument.Policy
    policy_source  text        not null,   -- rule:<name>, queue:<name> or default
    started_at     timestamptz not null,
    deadline       timestamptz not null,
    taken          text[]      not null default '{}',
    next_step      text,
    next_due_at    timestamptz,
    contacted_at   timestamptz,
    stopped_at     timestamptz
);

create index sla_clock_due on sla_clock (next_due_at) where next_due_at is not null;

-- An assignment closes when the lead leaves the pipeline (nurture's CUSTOMER, UNQUALIFIED, INACTIVE) and stops
-- counting as one of the rep's open leads; it reopens if the lead comes back.
alter table assignment add column closed_at timestamptz;
