-- The current score of each lead, with the reasons behind every point.
create table lead_score (
    lead_id        uuid        primary key,
    score          integer     not null check (score between 0 and 100),
    grade          char(1)     not null,
    fit            integer     not null,
    engagement     integer     not null,
    data_quality   integer     not null,
    reasons        jsonb       not null,   -- {"items": [{"code", "points", "detail"}, …]}
    model_version  text        not null,
    trigger_event  text        not null,   -- the event that caused this score, e.g. lead.captured
    scored_at      timestamptz not null
);
