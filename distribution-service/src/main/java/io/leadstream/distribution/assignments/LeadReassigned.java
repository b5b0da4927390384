package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.reassigned.v1} (schema: {@code events/lead.reassigned.v1.json}): a lead that had a rep moved
 * to another, by a manager ({@code MANUAL}), by the rules when it qualified ({@code QUALIFIED}), or after an SLA breach
 * ({@code SLA}). No personal data.
 */
@EventType("lead.reassigned")
public record LeadReassigned(UUID leadId, String repId, String previousRepId, String strategy, String rule,
        Integer ruleVersion, String target, String reason, String trigger, String actor, Integer score, String grade,
        Instant reassignedAt) implements DomainEvent {

    public static final String MANUAL = "MANUAL";
    public static final String QUALIFIED = "QUALIFIED";
    public static final String SLA = "SLA";

    public static LeadReassigned of(Assignment a, String previousRepId, String trigger, String actor) {
        return new LeadReassigned(a.leadId, a.repId, previousRepId, a.strategy, a.ruleName, a.ruleVersion, a.target,
                a.reason, trigger, actor, a.score, a.grade, a.assignedAt);
    }
}
