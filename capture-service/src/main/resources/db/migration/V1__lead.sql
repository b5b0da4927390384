-- Leads with their contact data. capture-service is the only store of personal data in Leadstream.
create table lead (
    id          uuid        primary key,
    first_name  text        not null,
    last_name   text        not null,
    email       text,                       -- trimmed, lower-cased
    phone       text,                       -- E.164
    company     text,
    country     char(2),                    -- ISO 3166-1 alpha-2
    source      text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create index lead_email on lead (email) where email is not null;
create index lead_phone on lead (phone) where phone is not null;
create index lead_created_at on lead (created_at, id);
