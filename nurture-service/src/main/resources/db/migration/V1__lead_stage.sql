-- Where each lead stands in the pipeline and who works it. A row appears when distribution first
-- assigns the lead (stage OPEN); later assignments change the owner only.
create table lead_stage (
    lead_id      uuid        primary key,
    stage        text        not null check (stage in ('OPEN', 'CONTACTED', 'NURTURING', 'QUALIFIED', 'NEGOTIATION',
                                                       'CUSTOMER', 'INACTIVE', 'UNQUALIFIED')),
    owner        text,                      -- the rep's Keycloak username (distribution's repId)
    stage_since  timestamptz not null,      -- when the lead entered its current stage
    updated_at   timestamptz not null
);

create index lead_stage_owner on lead_stage (owner, stage);
