-- Custom qualifiers (issue 3): typed keys that lead admins define (PUT /api/qualifiers/{key}); a lead's
-- qualifiers.custom may only use defined keys, with values of the key's type. options: the allowed values of an
-- ENUM (empty for the other types).
create table qualifier_definition (
    key         text        primary key check (key ~ '^[A-Za-z][A-Za-z0-9_-]{0,49}$'),
    type        text        not null check (type in ('STRING', 'NUMBER', 'BOOLEAN', 'DATE', 'ENUM')),
    label       text        not null,
    options     text[]      not null default '{}',
    updated_at  timestamptz not null,
    updated_by  text        not null,
    check ((type = 'ENUM') = (cardinality(options) > 0))
);
