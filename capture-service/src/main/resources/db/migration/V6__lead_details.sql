-- The whole lead (issue 3, "The lead"): basic info beyond name and contact, qualifiers, additional info, source
-- details and notes. What search filters on has columns of its own (products, segment, with indexes); objects
-- that are only read back as a whole are jsonb objects (never top-level arrays: Hibernate Reactive maps JSON
-- columns to objects). Personal data: job_title is not, but street, city, postal_code, region, birth_date,
-- social_accounts and notes are, and stay in capture-service (erasure must clear them).
alter table lead
    add column job_title          text,
    add column street             text,
    add column city               text,
    add column postal_code        text,
    add column region             text,
    add column language           text check (language ~ '^[a-z]{2}$'),          -- ISO 639-1
    add column time_zone          text,                                          -- IANA id (Europe/London)
    add column products           varchar[] not null default '{}',               -- trimmed, lower-case, unique
    add column segment            text,                                          -- trimmed, lower-case
    add column tags               varchar[] not null default '{}',               -- trimmed, lower-case, unique
    add column deal_amount        numeric check (deal_amount >= 0),
    add column deal_currency      text check (deal_currency ~ '^[A-Z]{3}$'),     -- ISO 4217
    add column custom_qualifiers  jsonb not null default '{}' check (jsonb_typeof(custom_qualifiers) = 'object'),
    add column social_accounts    jsonb not null default '{}' check (jsonb_typeof(social_accounts) = 'object'),
    add column birth_date         date,
    add column campaign           text,
    add column utm                jsonb not null default '{}' check (jsonb_typeof(utm) = 'object'),
    add column referrer           text,
    add column notes              text,
    add constraint lead_deal_size check ((deal_amount is null) = (deal_currency is null));

-- GET /api/leads?product=…: array containment (products @> array['solar']) through a GIN index; the keyset
-- order (created_at desc, id desc) is applied to the matching rows. varchar[], not text[]: Hibernate binds the
-- searched product as varchar, and @> needs both sides of one type.
create index lead_products on lead using gin (products);
-- GET /api/leads?segment=…: equality, then newest first along the index.
create index lead_segment on lead (segment, created_at, id) where segment is not null;
