package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.queued.v1} (schema: {@code events/lead.queued.v1.json}): an assignment rule sent the lead to
 * a pull queue, where it waits for a rep to claim it. No personal data.
 */
@EventType("lead.queued")
public record LeadQueued(UUID leadId, String queue, String rule, Integer ruleVersion, String reason, int score,
        String grade, Instant queuedAt) implements DomainEvent {

    public static LeadQueued of(QueuedLead q, String reason) {
        return new LeadQueued(q.leadId, q.queue, q.ruleName, q.ruleVersion, reason, q.score, q.grade, q.queuedAt);
    }
}
