create table test_item (id uuid primary key, name text not null);
create table test_effect (id bigserial primary key, event_id text not null, note text);
