-- Drip sequences: steps (a delay in business days, a channel and a template key, as JSON) sent one after another to
-- an enrolled lead, for one consent purpose. A sequence may enrol leads itself when they enter a stage or when
-- scoring first qualifies them, and stops a lead's enrolment when the lead enters one of its stop stages.
-- Sequences hold nothing personal.
create table drip_sequence (
    id                 uuid        primary key,
    name               text        not null,
    purpose            text        not null,
    enrol_on_stage     text,
    enrol_on_qualified boolean     not null default false,
    stop_on_stages     text[]      not null,
    steps              jsonb       not null,
    created_by         text        not null,
    created_at         timestamptz not null
);

create unique index drip_sequence_name on drip_sequence (lower(name));
create index drip_sequence_enrol_on_stage on drip_sequence (enrol_on_stage) where enrol_on_stage is not null;

-- A lead in a sequence: the step it sends next and when (next_due_at; a runner pass takes the due ones), until it
-- COMPLETED its last step or was STOPPED (stop_reason: replied, stage-changed, unsubscribed, erased, merged, stopped,
-- or why a step could not be sent). A lead is in a sequence at most once at a time; a sequence enrols a lead
-- automatically only if it never had it.
create table enrolment (
    id           uuid        primary key,
    lead_id      uuid        not null,
    sequence_id  uuid        not null references drip_sequence (id),
    state        text        not null check (state in ('ACTIVE', 'COMPLETED', 'STOPPED')),
    next_step    int         not null check (next_step >= 0),
    next_due_at  timestamptz,
    attempts     int         not null default 0,
    last_error   text,
    enrolled_by  text        not null,
    enrolled_at  timestamptz not null,
    ended_at     timestamptz,
    stop_reason  text,
    check ((state = 'ACTIVE') = (next_due_at is not null) and (state = 'ACTIVE') = (ended_at is null))
);

create unique index enrolment_active on enrolment (lead_id, sequence_id) where state = 'ACTIVE';
create index enrolment_due on enrolment (next_due_at) where state = 'ACTIVE';
create index enrolment_lead on enrolment (lead_id, enrolled_at desc);
