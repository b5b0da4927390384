package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** distribution's reading of capture's {@code leadstream.lead.merged.v1}: only MANUAL merges move assignments. */
@EventType("lead.merged")
public record LeadMergedEvent(UUID leadId, String kind, UUID mergedLeadId, Instant mergedAt) {
}
