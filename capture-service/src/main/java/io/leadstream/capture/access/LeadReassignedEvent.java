package io.leadstream.capture.access;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * capture's own reading of distribution-service's {@code leadstream.lead.reassigned.v1} (schema:
 * distribution-service/src/main/resources/events/lead.reassigned.v1.json): only who owns the lead from now on and
 * since when; {@code previousRepId} needs no reading, since a lead has one owner and the new one replaces it. The rest
 * is ignored (tolerant reader). Checked against distribution's schema in EventContractsTest.
 */
@EventType("lead.reassigned")
public record LeadReassignedEvent(UUID leadId, String repId, Instant reassignedAt) {
}
