-- Pull queues: a rule can send leads to a named queue instead of a rep; they wait here until a rep claims one
-- (POST /api/queues/{queue}/claim). The lead's assignment row stays with rep_id null and target 'queue:<name>'.
-- Claims take the best lead first (score, then the longest waiting) with FOR UPDATE SKIP LOCKED, so concurrent
-- claimers never get the same lead and never wait on each other.
create table queued_lead (
    lead_id       uuid        primary key,
    queue         text collate "C" not null,
    score         integer     not null check (score between 0 and 100),
    grade         char(1)     not null,
    rule_name     text,
    rule_version  integer,
    queued_at     timestamptz not null
);

create index queued_lead_best on queued_lead (queue, score desc, queued_at, lead_id);
