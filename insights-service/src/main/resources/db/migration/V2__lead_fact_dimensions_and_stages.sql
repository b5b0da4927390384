-- What the figures of issue 11 break leads down by and count, still one row per lead filled in by each event's own
-- columns (events arrive on four topics in any order; every column is written so that a late, repeated or out-of-order
-- event leaves the same result). No personal data: ids, codes and times only.
alter table lead_fact
    add column partner_id        text,          -- lead.captured: the partner company that submitted it
    add column country           text,          -- lead.captured, lead.updated
    add column segment           text,          -- lead.captured, lead.updated
    add column campaign          text,          -- lead.captured, lead.updated
    add column products          text[],        -- lead.captured, lead.updated
    add column dimensions_at     timestamptz,   -- when the dimensions above were true (the newest event wins)
    add column qualified_at      timestamptz,   -- lead.scored: when it was first qualified (qualification is one-way)
    add column queued_at         timestamptz,   -- lead.queued: the first time it waited in a pull queue
    add column shared_at         timestamptz,   -- lead.shared: the first share with a partner company
    add column shared_partner_id text,          -- lead.shared: the partner of the newest share
    add column stage             text,          -- lead.stage-changed: where it stands (the newest change wins)
    add column stage_at          timestamptz,   -- lead.stage-changed: since when
    add column contacted_at      timestamptz,   -- first reached CONTACTED (or a later working stage)
    add column first_touch_at    timestamptz,   -- a rep's first call, email, message or meeting (activity.logged, message.sent)
    add column won_at            timestamptz,   -- first reached CUSTOMER
    add column lost_at           timestamptz,   -- first reached UNQUALIFIED
    add column merged_into       uuid,          -- lead.merged (MANUAL): counted once, as the survivor
    add column erased_at         timestamptz;   -- lead.erased: still counted, nothing personal held anyway

-- Every stage a lead entered and when (the funnel and time in stage). A repeated event is no second row.
create table stage_entry (
    lead_id    uuid        not null,
    stage      text        not null,
    entered_at timestamptz not null,
    primary key (lead_id, stage, entered_at)
);
