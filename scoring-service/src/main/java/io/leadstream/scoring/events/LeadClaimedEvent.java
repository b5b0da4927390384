package io.leadstream.scoring.events;

import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * scoring's reading of distribution's {@code leadstream.lead.claimed.v1}: a rep claimed the lead from a pull queue (its
 * first assignment) and may read its score ({@code repId}); the rest, including the score distribution saw, is ignored
 * (tolerant reader).
 */
@EventType("lead.claimed")
public record LeadClaimedEvent(UUID leadId, String repId) {
}
