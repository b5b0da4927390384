-- Every manual merge nurture consumed (capture's lead.merged, kind MANUAL), written in the merge's consumer
-- transaction: an event about the merged-away lead that arrives after the merge (Kafka orders a lead's events by its own
-- key only) is applied to the survivor, or skipped, instead of leaving rows under an id that no longer exists
-- (merges.MergedLeads). Kept flat: survivor_id is never itself a merged-away lead (a merge of B into C moves A → B to
-- A → C), so one lookup resolves a chain. Ids and a time only, nothing personal: an erasure leaves it.
create table merged_lead (
    merged_lead_id uuid        primary key,   -- the lead merged away
    survivor_id    uuid        not null,      -- the lead it lives on in (at the end of the chain)
    merged_at      timestamptz not null       -- capture's mergedAt (the time nurture consumed it when absent)
);

create index merged_lead_survivor on merged_lead (survivor_id);
