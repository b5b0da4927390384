-- Assignment rules, versioned: each PUT stores the next version and it is in force at once. Version 1 is the
-- built-in default (no rules; every lead round-robin to every active rep) and is not stored.
create table assignment_rules (
    version       integer     primary key check (version >= 2),
    rules         jsonb       not null,      -- {"rules": [...], "fallback": {...}} as routing.RuleBook
    created_by    text        not null,
    created_at    timestamptz not null
);

-- What routing reads about each lead, kept from capture's lead.captured / lead.updated / lead.merged (survivor) and
-- scoring's lead.scored. No personal data: qualifiers, where it came from, who captured it, its score.
create table lead_facts (
    lead_id       uuid        primary key,
    products      jsonb       not null default '{"items": []}',  -- {"items": [...]}: a jsonb object, as Hibernate Reactive maps it
    segment       text,
    country       text,
    source        text,                      -- capture's source: web, api, partner, import, whatsapp, call, ...
    channel       text,                      -- the UTM medium: email, cpc, social, ...
    campaign      text,
    partner_id    text,
    language      text,
    captured_by   text,                      -- Keycloak username of whoever captured it through the API
    score         integer     check (score between 0 and 100),
    grade         char(1),
    qualified     boolean     not null default false,
    scored        boolean     not null default false,
    updated_at    timestamptz not null
);

-- The sample simulate reads: the most recently changed leads first.
create index lead_facts_recent on lead_facts (updated_at desc);

-- Which rule decided an assignment (null: before rules existed, or the default), in which rule-book version, and the
-- target whose rotation or team it came from.
alter table assignment
    add column rule_name    text,
    add column rule_version integer,
    add column target       text;

-- Every step of who worked a lead and why, oldest first: ASSIGNED (rules), WAITING (nobody eligible), REASSIGNED
-- (a manager, or the rules again when the lead qualified), KEPT_ON_MERGE (the survivor took the merged lead's rep).
-- "Assigned today" for daily capacity counts ASSIGNED and REASSIGNED rows per rep since the start of their day.
create table assignment_history (
    id              bigint      generated always as identity primary key,
    lead_id         uuid        not null,
    kind            text        not null,
    rep_id          text collate "C",
    previous_rep_id text collate "C",
    rule_name       text,
    rule_version    integer,
    strategy        text        not null,
    reason          text        not null,
    candidates      jsonb       not null,
    actor           text,                    -- who reassigned by hand; null when the rules decided
    at              timestamptz not null
);

create index assignment_history_lead on assignment_history (lead_id, id);
create index assignment_history_rep_at on assignment_history (rep_id, at) where kind in ('ASSIGNED', 'REASSIGNED', 'CLAIMED');

-- The assignments made before this migration start their history with themselves.
insert into assignment_history (lead_id, kind, rep_id, strategy, reason, candidates, at)
select lead_id, case when rep_id is null then 'WAITING' else 'ASSIGNED' end, rep_id, strategy, reason, candidates,
       assigned_at
from assignment;
