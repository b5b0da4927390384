package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/** {@code leadstream.lead.stage-changed.v1} (schema: {@code events/lead.stage-changed.v1.json}). No personal data. */
@EventType("lead.stage-changed")
public record LeadStageChanged(UUID leadId, Stage from, Stage to, String owner, String reason, Instant changedAt)
        implements DomainEvent {
}
