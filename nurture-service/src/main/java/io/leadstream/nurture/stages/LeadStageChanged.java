package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.stage-changed.v1} (schema: {@code events/lead.stage-changed.v1.json}). No personal data:
 * {@code reason} is a reason code (or what moved the lead, "assigned to rep1"), never the mover's note;
 * {@code changedBy} is the mover's Keycloak username, null when nurture moved the lead itself.
 */
@EventType("lead.stage-changed")
public record LeadStageChanged(UUID leadId, Stage from, Stage to, String owner, String reason, String changedBy,
        Instant changedAt) implements DomainEvent {
}
