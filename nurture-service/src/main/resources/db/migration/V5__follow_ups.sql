-- Follow-ups a rep schedules on a lead (POST /api/leads/{leadId}/follow-ups): when (an instant, and the time zone the
-- rep meant it in), a note before and an outcome note after (both kept here only: follow-up.due and
-- follow-up.completed never carry them). A lead's erasure (lead.erased) deletes its rows; a manual merge
-- (lead.merged) moves them to the surviving lead.
create table follow_up (
    id                   uuid        primary key,
    lead_id              uuid        not null,
    owner                text        not null,            -- the rep's Keycloak username: who must follow up
    due_at               timestamptz not null,
    time_zone            text        not null,            -- IANA zone the due time was given in (shown back as dueLocal)
    note                 text        not null,
    created_by           text        not null,
    created_at           timestamptz not null,
    completed_at         timestamptz,
    completed_by         text,
    outcome              text,
    -- the reminder: follow-up.due recorded (once), and the email to the owner sent (retried on each pass until sent)
    reminded_at          timestamptz,
    reminder_mailed_at   timestamptz,
    reminder_mail_tries  integer     not null default 0,
    check ((completed_at is null) = (completed_by is null) and (completed_at is null) = (outcome is null)),
    check (reminder_mailed_at is null or reminded_at is not null)
);

-- the per-owner lists (due / overdue / done), ordered by due time, and their keyset pages
create index follow_up_owner_due on follow_up (owner, due_at, id);
-- the reminder pass: open follow-ups not reminded yet, by due time
create index follow_up_to_remind on follow_up (due_at) where completed_at is null and reminded_at is null;
-- the reminder emails still to send
create index follow_up_to_mail on follow_up (reminded_at) where reminded_at is not null and reminder_mailed_at is null;
create index follow_up_lead on follow_up (lead_id);
