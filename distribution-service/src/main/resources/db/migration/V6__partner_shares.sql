-- Partner shares: a rule (target PARTNER) or a manager (POST /api/shares) offers a lead to a partner company, which
-- sees the chosen facts (no personal data) in its inbox and accepts or declines before the deadline; an unanswered
-- share is recalled at its deadline (FOR UPDATE SKIP LOCKED) and the lead is routed again without that partner.
-- While shared, the lead's assignment has rep_id null and target 'partner:<id>'. Contact details are never stored
-- here: an accepting partner gets them from capture on each read.
create table partner_share (
    share_id      uuid        primary key,
    lead_id       uuid        not null,
    partner_id    text collate "C" not null check (partner_id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    state         text        not null check (state in ('OFFERED', 'ACCEPTED', 'DECLINED', 'RECALLED')),
    fields        jsonb       not null,      -- {"items": [...]}: the lead facts the partner sees
    note          text,                      -- the manager's note to the partner
    rule_name     text,                      -- the rule that shared it; null: a manager did
    shared_by     text,                      -- the manager's username; null: a rule did
    shared_at     timestamptz not null,
    deadline      timestamptz not null,
    answered_at   timestamptz,               -- accepted, declined or recalled
    close_reason  text check (close_reason in ('DECLINED', 'DEADLINE', 'REASSIGNED', 'MERGED')),
    decline_note  text                       -- the partner's reason, when it gave one
);

-- at most one open share (offered or accepted) per lead
create unique index partner_share_open on partner_share (lead_id) where state in ('OFFERED', 'ACCEPTED');
-- a partner's inbox, newest first
create index partner_share_inbox on partner_share (partner_id, shared_at desc, share_id);
-- the recall pass: offered shares by deadline
create index partner_share_due on partner_share (deadline) where state = 'OFFERED';
