package io.leadstream.scoring.events;

import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * scoring's reading of distribution's {@code leadstream.lead.reassigned.v1}: the rep who may read the lead's score
 * from now on ({@code repId}); the rest is ignored (tolerant reader).
 */
@EventType("lead.reassigned")
public record LeadReassignedEvent(UUID leadId, String repId) {
}
