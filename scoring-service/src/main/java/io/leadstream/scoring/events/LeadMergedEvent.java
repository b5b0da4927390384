package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * scoring's reading of capture's {@code leadstream.lead.merged.v1}: SUBMISSION (the person submitted again; counts as
 * engagement) or MANUAL ({@code mergedLeadId} was merged into {@code leadId}: its engagement moves to the survivor and
 * its score is retired).
 */
@EventType("lead.merged")
public record LeadMergedEvent(UUID leadId, String kind, UUID mergedLeadId, String source, Instant mergedAt) {

    boolean manual() {
        return "MANUAL".equals(kind) && mergedLeadId != null;
    }
}
