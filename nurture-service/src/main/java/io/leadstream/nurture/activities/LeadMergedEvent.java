package io.leadstream.nurture.activities;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's reading of capture's {@code leadstream.lead.merged.v1}: only a MANUAL merge folds one lead
 * ({@code mergedLeadId}) into another ({@code leadId}); a SUBMISSION merge adds to an existing lead. The survivor's
 * attributes are not read.
 */
@EventType("lead.merged")
public record LeadMergedEvent(UUID leadId, String kind, UUID mergedLeadId, Instant mergedAt) {

    /** The same merge, into {@code lead} (where the named survivor lives on, when it was merged away itself). */
    public LeadMergedEvent into(UUID lead) {
        return new LeadMergedEvent(lead, kind, mergedLeadId, mergedAt);
    }
}
