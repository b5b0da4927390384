package io.leadstream.capture.access;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * capture's own reading of distribution-service's {@code leadstream.lead.shared.v1} (schema:
 * distribution-service/src/main/resources/events/lead.shared.v1.json): the lead was offered to a partner company, and
 * no rep of ours works it from {@code sharedAt}; only that. The partner, the fields it sees and the deadline are
 * ignored (tolerant reader). Checked against distribution's schema in EventContractsTest.
 */
@EventType("lead.shared")
public record LeadSharedEvent(UUID leadId, Instant sharedAt) {
}
