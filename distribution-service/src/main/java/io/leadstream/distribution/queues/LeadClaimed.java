package io.leadstream.distribution.queues;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.claimed.v1} (schema: {@code events/lead.claimed.v1.json}): a rep took a lead from a pull queue
 * and works it from now on — for consumers, the lead's first assignment. No personal data.
 */
@EventType("lead.claimed")
public record LeadClaimed(UUID leadId, String repId, String queue, int score, String grade, Instant queuedAt,
        Instant claimedAt) implements DomainEvent {
}
