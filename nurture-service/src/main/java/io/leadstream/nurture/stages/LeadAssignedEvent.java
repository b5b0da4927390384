package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.assigned.v1} (tolerant: unknown fields are
 * ignored): the rep, and how and why distribution chose them, for the owner and the timeline. Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.assigned")
public record LeadAssignedEvent(UUID leadId, String repId, String strategy, String reason, Integer score,
        String grade, Instant assignedAt) {
}
