package io.leadstream.capture.access;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * capture's own reading of distribution-service's {@code leadstream.lead.claimed.v1} (schema:
 * distribution-service/src/main/resources/events/lead.claimed.v1.json): a rep claimed the lead from a pull queue, which
 * is its first assignment; only who owns the lead and since when. {@code queue}, {@code queuedAt}, score and grade are
 * ignored (tolerant reader). Checked against distribution's schema in EventContractsTest.
 */
@EventType("lead.claimed")
public record LeadClaimedEvent(UUID leadId, String repId, Instant claimedAt) {
}
