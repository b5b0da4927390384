package io.leadstream.nurture.stages;

import io.smallrye.mutiny.Uni;

/**
 * A feature that acts when a lead's stage changes (drip sequences enrol and stop on it), told in the transaction that
 * changes the stage, with the lead.stage-changed it records: a failure rolls the change back. Every bean implementing
 * it is told, whether a rep moved the lead, its first assignment opened it, or a merge gave it a stage.
 */
public interface StageListener {

    Uni<Void> stageChanged(LeadStageChanged change);
}
