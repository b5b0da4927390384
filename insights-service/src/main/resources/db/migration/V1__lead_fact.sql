-- One row per lead with what the events said about it (no personal data). Events of a lead come on
-- three topics and may arrive in any order, so each event upserts only its own columns.
create table lead_fact (
    lead_id      uuid        primary key,
    source       text,                      -- lead.captured
    captured_at  timestamptz,               -- lead.captured
    scored_at    timestamptz,               -- lead.scored: when the current score was given
    score        integer,                   -- lead.scored: the current score
    grade        char(1),                   -- lead.scored
    assigned_at  timestamptz,               -- lead.assigned: the first assignment (speed-to-lead)
    rep_id       text                       -- lead.assigned: the current owner
);

create index lead_fact_captured_at on lead_fact (captured_at);
