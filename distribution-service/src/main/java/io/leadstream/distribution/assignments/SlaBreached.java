package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.sla.breached.v1} (schema: {@code events/sla.breached.v1.json}): a rep missed a lead's first-touch
 * or next-touch target and a step was taken — {@code REMIND} (the rep), {@code ESCALATE} ({@code managerId}, the
 * rep's team's manager), {@code REASSIGN} ({@code reassignedTo}, or null when nobody else could take it). No personal
 * data: reps and managers are named by Keycloak username.
 */
@EventType("sla.breached")
public record SlaBreached(UUID leadId, String repId, String kind, String step, String policy, Instant startedAt,
        Instant deadline, Instant dueAt, String teamId, String managerId, String reassignedTo, Instant breachedAt)
        implements DomainEvent {
}
