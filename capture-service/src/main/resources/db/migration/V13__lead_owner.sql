-- Who owns a lead, as distribution-service announced it (lead.assigned on leads.distribution). Capture keeps
-- this copy only to decide which leads a sales rep may see; distribution stays the owner of assignments.
create table lead_owner (
    lead_id     uuid        primary key,
    rep_id      text        not null,         -- the rep's Keycloak username
    assigned_at timestamptz not null          -- a later event with an older assignedAt does not win
);

create index lead_owner_rep on lead_owner (rep_id, lead_id);
