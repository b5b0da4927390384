-- Sales reps. The id is the rep's Keycloak username (realm leads). Reps are deactivated, never deleted.
-- collate "C": ids sort and compare byte-wise, exactly as Java's String.compareTo does, so the rotation
-- (RoundRobin) and the list cursor agree with the database whatever the server's locale.
create table rep (
    rep_id        text collate "C" primary key check (rep_id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    display_name  text        not null,
    active        boolean     not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create index rep_active on rep (rep_id) where active;

-- Where each round-robin rotation stands: the rep who got its last lead. Read with SELECT … FOR UPDATE
-- in the consumer's transaction, so the rotation is right across restarts and concurrent consumers.
-- One rotation ('all-reps', every active rep) until teams and assignment rules arrive.
create table round_robin_cursor (
    rotation      text        primary key,
    last_rep_id   text collate "C",          -- null: nobody assigned yet, the first rep in id order is next
    updated_at    timestamptz not null
);

insert into round_robin_cursor (rotation, last_rep_id, updated_at) values ('all-reps', null, now());

-- Who works each lead and why. rep_id null: no rep was active when the lead was scored; it waits and
-- is assigned on its next lead.scored (queues and SLA reassignment arrive with later issues).
create table assignment (
    lead_id       uuid        primary key,
    rep_id        text collate "C" references rep (rep_id),
    strategy      text        not null,      -- ROUND_ROBIN
    reason        text        not null,      -- for a person: "round-robin among 3 active reps: rep2 follows rep1"
    candidates    jsonb       not null,      -- {"items": [{"repId"}, …]}: the reps considered, in rotation order
    score         integer     not null check (score between 0 and 100),
    grade         char(1)     not null,
    assigned_at   timestamptz not null       -- when it was assigned (or, while waiting, since when it waits)
);

create index assignment_rep on assignment (rep_id, assigned_at);
create index assignment_waiting on assignment (assigned_at) where rep_id is null;
