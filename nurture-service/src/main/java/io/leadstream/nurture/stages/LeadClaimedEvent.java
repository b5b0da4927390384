package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.claimed.v1}: the rep who claimed the lead from a pull
 * queue and works it from now on, and when (tolerant: the queue, its times and the score are ignored, as are unknown
 * fields). Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.claimed")
public record LeadClaimedEvent(UUID leadId, String repId, Instant claimedAt) {
}
