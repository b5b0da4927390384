-- Teams and what routing knows about a rep (issue 9): who they work with, what they cover, how much they take
-- and when they work. Written whole by PUT /api/reps/{repId} and PUT /api/teams/{teamId}; read by the routing
-- rules as a RepProfile (Rep.profile()).

-- A sales team. The id is chosen by the admin with the same shape as a rep id; teams are renamed, never deleted
-- (reps reference them). collate "C" as rep_id: team ids sort byte-wise, as Java's String.compareTo, so the list
-- cursor and the members listing agree with the database whatever the server's locale.
create table team (
    team_id       text collate "C" primary key check (team_id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    display_name  text        not null,
    -- the Keycloak username of the team's sales manager (not a rep), who SLA escalation notifies; null: none yet
    manager_id    text collate "C" check (manager_id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

-- The lists are text[] (Hibernate maps them to String[]), stored normalised by RepSettings: products, segments
-- and languages trimmed and lower-case, territories upper-case, no repeats, sorted; empty: the rep covers every
-- value. JSON columns hold objects only, never top-level arrays (Hibernate Reactive maps JSON columns to objects).
alter table rep
    add column team_id         text collate "C" references team (team_id),   -- at most one team; null: none
    add column products        text[]  not null default '{}',                -- "solar", "heat pumps"
    add column segments        text[]  not null default '{}',                -- "smb", "enterprise"
    add column territories     text[]  not null default '{}',                -- ISO 3166-1 alpha-2 or a region (DACH, EU, …)
    add column languages       text[]  not null default '{}',                -- ISO 639-1 ("de", "en")
    add column daily_capacity  integer check (daily_capacity > 0),           -- new leads a day; null: no limit
    add column max_open_leads  integer check (max_open_leads > 0),           -- open leads at once; null: no limit
    -- {"timeZone": "Europe/Berlin", "week": {"MONDAY": [{"from": "09:00", "to": "17:00"}], …}}: IANA zone, days
    -- by java.time.DayOfWeek name, periods "HH:mm" on the rep's wall clock (to exclusive, "24:00" = midnight),
    -- sorted and not overlapping; a day not named is a day off. null: no hours set (always working)
    add column working_hours   jsonb check (working_hours is null or jsonb_typeof(working_hours) = 'object'),
    -- {"items": [{"from": "2026-12-24", "to": "2027-01-02"}, …]}: whole days, both inclusive, in the rep's time
    -- zone, sorted by from
    add column out_of_office   jsonb   not null default '{"items": []}'
        check (jsonb_typeof(out_of_office) = 'object');

-- GET /api/teams/{teamId}: the team's members in rep-id order
create index rep_team on rep (team_id, rep_id) where team_id is not null;
