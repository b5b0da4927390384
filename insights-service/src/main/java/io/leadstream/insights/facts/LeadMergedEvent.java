package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' reading of capture's {@code leadstream.lead.merged.v1}: a MANUAL merge folds {@code mergedLeadId} into
 * {@code leadId} (the survivor); a SUBMISSION merge only added to an existing lead. Checked in EventContractsTest.
 */
@EventType("lead.merged")
public record LeadMergedEvent(UUID leadId, String kind, UUID mergedLeadId, Instant mergedAt) {
}
