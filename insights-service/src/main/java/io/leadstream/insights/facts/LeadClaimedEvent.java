package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' own reading of distribution's {@code leadstream.lead.claimed.v1}: the rep who claimed the lead from a pull
 * queue, and when, which is the lead's first assignment (tolerant: the queue, {@code queuedAt}, the score and unknown
 * fields are ignored). Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.claimed")
public record LeadClaimedEvent(UUID leadId, String repId, Instant claimedAt) {
}
