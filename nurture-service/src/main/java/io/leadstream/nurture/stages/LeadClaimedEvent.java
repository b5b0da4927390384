package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.claimed.v1}: the rep who claimed the lead from a pull
 * queue and works it from now on, and when and from which queue with what score, for the timeline (tolerant:
 * the queue times and unknown fields are ignored). Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.claimed")
public record LeadClaimedEvent(UUID leadId, String repId, String queue, Integer score, String grade,
        Instant claimedAt) {
}
