-- The team a lead was routed to (grouped counts by team): from the newest assignment or reassignment whose target
-- names a team (target team:<id>) or SLA breach that names one (teamId), by the event's own time; an assignment straight
-- to a rep or a claim names none and leaves the team as it was.
alter table lead_fact
    add column team_id text,
    add column team_at timestamptz;
