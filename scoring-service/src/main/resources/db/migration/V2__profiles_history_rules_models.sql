-- Issue 8: what scoring knows of each lead, engagement signals, every score a lead had, versioned rules,
-- re-scoring jobs, predictive models and credit checks. Nothing here is personal data: leads are ids,
-- reps are Keycloak usernames.

-- What scoring learned of a lead from events: capture's business attributes and quality flags (null until
-- lead.captured/updated arrives), the rep it is assigned to (distribution), its stage and outcome (nurture).
create table lead_profile (
    lead_id      uuid        primary key,
    attributes   jsonb,
    owner        text,
    stage        text,
    outcome      text        check (outcome in ('WON', 'LOST')),
    outcome_at   timestamptz,
    merged_into  uuid,        -- set when a manager merged this lead into another: its score is retired
    updated_at   timestamptz not null
);
create index lead_profile_outcome on lead_profile (outcome) where outcome is not null;

-- Things a lead did that count towards engagement (recency-weighted at scoring time).
create table engagement_signal (
    id           bigserial   primary key,
    lead_id      uuid        not null,
    kind         text        not null,   -- INQUIRY, RESUBMISSION, ACTIVITY, MESSAGE_REPLIED, STAGE
    detail       text,
    occurred_at  timestamptz not null
);
create index engagement_signal_lead on engagement_signal (lead_id);

-- The current score: the qualification (MQL hand-off), the rules version, and the shadow model's score.
alter table lead_score
    add column model          integer     not null default 0,
    add column rules_version  integer     not null default 1,
    add column qualified      boolean     not null default false,
    add column qualified_at   timestamptz,
    add column shadow_score   integer,
    add column shadow_model   text;

-- Every change of a lead's score, with what caused it.
create table score_history (
    id             bigserial   primary key,
    lead_id        uuid        not null,
    score          integer     not null,
    grade          char(1)     not null,
    fit            integer     not null,
    engagement     integer     not null,
    data_quality   integer     not null,
    model          integer     not null,
    qualified      boolean     not null,
    reasons        jsonb       not null,
    model_version  text        not null,
    trigger_event  text        not null,
    note           text,
    scored_at      timestamptz not null
);
create index score_history_lead on score_history (lead_id, scored_at);

-- The rule sets admins stored (version 1 is the built-in default and is not stored).
create table scoring_rules (
    version     integer     primary key check (version >= 2),
    rules       jsonb       not null,
    created_by  text        not null,
    created_at  timestamptz not null
);

-- Background re-scoring of every stored lead after a rule change or a model promotion.
create table rescore_job (
    id           uuid        primary key,
    reason       text        not null,
    state        text        not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    total        integer     not null,
    done         integer     not null default 0,
    changed      integer     not null default 0,
    after_lead   uuid,        -- keyset position: leads are processed in id order
    started_by   text        not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    error        text
);

-- Predictive models: trained as SHADOW (scores recorded, not used), promoted to ACTIVE by an admin.
create table scoring_model (
    version        integer     primary key,
    state          text        not null check (state in ('SHADOW', 'ACTIVE', 'RETIRED')),
    model          jsonb       not null,
    quality        jsonb       not null,
    won            integer     not null,
    lost           integer     not null,
    training_size  integer     not null,
    held_out_size  integer     not null,
    trained_by     text        not null,
    trained_at     timestamptz not null,
    promoted_by    text,
    promoted_at    timestamptz
);
create unique index scoring_model_one_active on scoring_model (state) where state = 'ACTIVE';
create unique index scoring_model_one_shadow on scoring_model (state) where state = 'SHADOW';

-- Credit checks of lucrative leads: PENDING while the provider is unreachable (retried), else DONE.
create table credit_check (
    lead_id          uuid        primary key,
    state            text        not null check (state in ('PENDING', 'DONE')),
    rating           text,
    points           integer     not null default 0,
    detail           text        not null,
    attempts         integer     not null default 0,
    checked_at       timestamptz,
    next_attempt_at  timestamptz
);
create index credit_check_pending on credit_check (next_attempt_at) where state = 'PENDING';
