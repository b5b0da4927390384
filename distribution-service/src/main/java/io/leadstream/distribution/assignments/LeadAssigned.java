package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.assigned.v1} (schema: {@code events/lead.assigned.v1.json}). No personal data: the
 * rep is named by the Keycloak username. Not published while a lead waits (nobody eligible).
 * Carries the rule (and its rule-book version) and the strategy that chose the rep.
 */
@EventType("lead.assigned")
public record LeadAssigned(UUID leadId, String repId, String strategy, String rule, Integer ruleVersion, String target,
        String reason, int score, String grade, Instant assignedAt) implements DomainEvent {

    public static LeadAssigned of(Assignment a) {
        return new LeadAssigned(a.leadId, a.repId, a.strategy, a.ruleName, a.ruleVersion, a.target, a.reason, a.score,
                a.grade, a.assignedAt);
    }
}
