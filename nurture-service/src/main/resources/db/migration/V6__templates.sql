-- Message templates (GET/POST /api/templates, GET/PUT /api/templates/{id}): one per key, channel and language, a Qute
-- body (HTML for EMAIL, plain text for WHATSAPP and SMS) and, for EMAIL only, a Qute subject. Company-wide: reps read
-- them, lead-admins write them. version starts at 1 and counts the edits (the API's ETag). The shipped examples are
-- inserted at start-up where (template_key, channel, language) is absent, so an admin's edit is never overwritten.
create table message_template (
    id           uuid        primary key,
    -- byte order ("C"): lists and their keyset pages sort slugs the same on every database, whatever its locale
    template_key text        collate "C" not null check (template_key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(template_key) <= 60),
    channel      text        not null check (channel in ('EMAIL', 'WHATSAPP', 'SMS')),
    language     text        collate "C" not null check (language ~ '^[a-z]{2,3}$'),
    name         text        not null,
    subject      text,
    body         text        not null,
    version      integer     not null check (version >= 1),
    created_at   timestamptz not null,
    created_by   text        not null,
    updated_at   timestamptz not null,
    updated_by   text        not null,
    check ((channel = 'EMAIL') = (subject is not null)),
    -- one template per key, channel and language; also the order of GET /api/templates and its keyset pages
    constraint message_template_identity unique (template_key, channel, language)
);
