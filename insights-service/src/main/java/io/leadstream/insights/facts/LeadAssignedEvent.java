package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' own reading of distribution's {@code leadstream.lead.assigned.v1} (tolerant: unknown fields are
 * ignored). Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.assigned")
public record LeadAssignedEvent(UUID leadId, String repId, String target, Instant assignedAt) {
}
