package io.leadstream.capture.access;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * capture's own reading of distribution-service's {@code leadstream.lead.assigned.v1} (schema:
 * distribution-service/src/main/resources/events/lead.assigned.v1.json): only who owns the lead since when; the
 * rest is ignored (tolerant reader). Checked against distribution's schema in EventContractsTest.
 */
@EventType("lead.assigned")
public record LeadAssignedEvent(UUID leadId, String repId, Instant assignedAt) {
}
