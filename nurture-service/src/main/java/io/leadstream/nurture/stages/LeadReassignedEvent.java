package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.reassigned.v1}: the rep who works the lead from now
 * on, and when that was decided (tolerant: unknown fields are ignored). Checked against distribution's JSON Schema in
 * EventContractsTest.
 */
@EventType("lead.reassigned")
public record LeadReassignedEvent(UUID leadId, String repId, String previousRepId, String strategy, String trigger,
        String reason, Instant reassignedAt) {
}
