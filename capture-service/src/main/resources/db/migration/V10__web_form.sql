-- Web forms (POST /api/forms, POST /forms/{key}): what a public form may post, where the browser goes next,
-- how its fields become a lead, its quota and its double opt-in. Configuration only: no personal data.
create table web_form (
    key                     text        primary key,           -- random, URL-safe; the public address /forms/{key}
    name                    text        not null,
    allowed_origins         text[]      not null,              -- {https://www.example.com}: exact origins for CORS
    field_mapping           jsonb       not null,              -- {"your_email": "email"}: form field -> lead field path
    redirect_url            text        not null,              -- absolute http(s): the 303 after a browser post
    double_opt_in           boolean     not null,
    consent_purpose         text,                              -- consent recorded for the form (channel email)
    consent_text_version    text,
    consent_field           text,                              -- the checkbox asking for it; null: every submission
    confirmed_redirect_url  text,                              -- after the opt-in link was followed; null: a page
    form_permits            integer     not null check (form_permits > 0),
    form_window_seconds     integer     not null check (form_window_seconds > 0),
    client_permits          integer     not null check (client_permits > 0),
    client_window_seconds   integer     not null check (client_window_seconds > 0),
    honeypot_field          text        not null,
    source                  text        not null,
    active                  boolean     not null,
    created_at              timestamptz not null,
    created_by              text        not null,
    updated_at              timestamptz not null,
    updated_by              text        not null
);

-- Double opt-in: one row per confirmation email. Only the token's SHA-256 is stored; the link is single use
-- and expires. address is personal data (the email the consent is for): erasing a lead must delete its rows.
create table form_confirmation (
    token_hash    text        primary key,                     -- hex SHA-256 of the token in the link
    form_key      text        not null references web_form (key),
    lead_id       uuid        not null references lead (id),
    purpose       text        not null,
    text_version  text        not null,
    address       text        not null,
    requested_at  timestamptz not null,
    expires_at    timestamptz not null,
    confirmed_at  timestamptz                                  -- set once, when the link was followed
);

create index form_confirmation_lead on form_confirmation (lead_id);
