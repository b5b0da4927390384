package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' own reading of distribution's {@code leadstream.lead.reassigned.v1}: the rep who owns the lead now, since when
 * (tolerant: unknown fields are ignored). Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.reassigned")
public record LeadReassignedEvent(UUID leadId, String repId, String target, Instant reassignedAt) {
}
