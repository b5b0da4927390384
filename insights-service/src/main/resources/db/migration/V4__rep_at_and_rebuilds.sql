-- rep_id has three writers (lead.assigned, lead.claimed, lead.reassigned); the newest by its own time wins, so that a
-- late or replayed event (a rebuild's last pass re-applies what the live consumers applied just before the swap)
-- leaves the same owner. Rows from before this column: the next writer wins, as before.
alter table lead_fact add column rep_at timestamptz;

-- POST /api/insights/rebuild: each rebuild, its state and progress (GET /api/insights/rebuild shows the latest).
-- The rebuild fills fresh tables in schema insights_rebuild, created and dropped by the rebuild itself.
create table rebuild (
    id            uuid        primary key,
    state         text        not null,   -- REPLAYING, SWAPPING, FINISHING, DONE, FAILED
    requested_by  text        not null,
    started_at    timestamptz not null,
    replayed_at   timestamptz,            -- the fresh tables had caught up with the topics
    swapped_at    timestamptz,            -- they replaced the old ones
    finished_at   timestamptz,
    heartbeat_at  timestamptz not null,   -- the instance running it is alive (a stale one is abandoned)
    applied       bigint      not null default 0,
    ignored       bigint      not null default 0,
    skipped       bigint      not null default 0,
    partitions    jsonb       not null default '[]',
    error         text
);

-- at most one rebuild runs at a time, whichever instance was asked
create unique index rebuild_one_running on rebuild ((true)) where state in ('REPLAYING', 'SWAPPING', 'FINISHING');
