-- Notices to reps and managers about distribution's events (notifications): lead.assigned, lead.reassigned and
-- sla.breached each become a row per person to tell, written in the consuming event's transaction, and an email sent
-- by the notice pass. Ids, usernames and codes only: nothing about the lead's person (nurture holds none); the
-- recipient's address is read from Keycloak when the email is sent and never stored.
create table notice (
    id           uuid        primary key,
    lead_id      uuid        not null,
    recipient    text        not null,            -- the Keycloak username told
    kind         text        not null,            -- NoticeKind: what the recipient is told
    occurred_at  timestamptz not null,            -- the event's own time (assignedAt, reassignedAt, breachedAt)
    other_rep    text,                            -- the other person the mail names (previous rep, manager, rep who
                                                  -- missed the target, the lead's new rep), by username
    sla_kind     text,                            -- sla.breached's kind (FIRST_TOUCH, NEXT_TOUCH)
    created_at   timestamptz not null,
    mailed_at    timestamptz,                     -- when the SMTP server took the email
    tries        integer     not null default 0,  -- emails tried (given up at leadstream.nurture.notifications.max-tries)
    last_error   text,                            -- why the last try failed (no address, directory or SMTP failure)
    -- the same event delivered again (even under another ce_id, so past the inbox) tells nobody twice
    constraint notice_once unique (lead_id, kind, recipient, occurred_at)
);

-- the notice pass: emails not sent yet, the least tried first
create index notice_to_mail on notice (tries, created_at) where mailed_at is null;
