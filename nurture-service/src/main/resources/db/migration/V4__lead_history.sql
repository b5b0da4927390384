-- What nurture learned about a lead from the other services' events, for its timeline
-- (GET /api/leads/{leadId}/timeline): distribution's assignments, queueing, claims, reassignments, shares, recalls and
-- SLA breaches, and scoring's scores. Never updated; rows hold ids, codes and numbers only (no personal data, like the
-- events they come from). A manual merge moves the merged lead's rows to the survivor.
create table lead_history (
    id              uuid        primary key,
    lead_id         uuid        not null,
    kind            text        not null check (kind in ('QUEUED', 'ASSIGNED', 'CLAIMED', 'REASSIGNED', 'SHARED',
                                                         'RECALLED', 'SLA_BREACHED', 'SCORED')),
    occurred_at     timestamptz not null,
    rep_id          text,                   -- the rep who got the lead (or whose SLA was breached)
    previous_rep_id text,                   -- REASSIGNED: the rep who had it
    partner_id      text,                   -- SHARED, RECALLED
    queue           text,                   -- QUEUED, CLAIMED
    strategy        text,                   -- ASSIGNED, REASSIGNED: ROUND_ROBIN, OWNER, MANUAL, ...
    trigger         text,                   -- REASSIGNED: MANUAL, QUALIFIED, SLA; SCORED: what re-scored it
    reason          text,                   -- distribution's reason (assigned, reassigned, queued) or recall reason
    step            text,                   -- SLA_BREACHED: REMIND, ESCALATE, REASSIGN (and kind in detail)
    detail          text,                   -- SLA_BREACHED: FIRST_TOUCH or NEXT_TOUCH
    score           integer     check (score between 0 and 100),
    grade           text,
    qualified       boolean,
    model_version   text,
    recorded_at     timestamptz not null
);

create index lead_history_lead on lead_history (lead_id, occurred_at desc, id desc);
create index stage_change_lead_timeline on stage_change (lead_id, changed_at desc, id desc);
