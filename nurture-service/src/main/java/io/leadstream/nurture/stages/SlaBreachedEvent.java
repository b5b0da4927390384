package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.sla.breached.v1}: the rep missed a first-touch or
 * next-touch SLA step ({@code kind}, {@code step} REMIND, ESCALATE or REASSIGN; {@code reassignedTo} the new rep on
 * REASSIGN). The timeline learns of it; the reassignment itself arrives as lead.reassigned. Checked against
 * distribution's JSON Schema in EventContractsTest.
 */
@EventType("sla.breached")
public record SlaBreachedEvent(UUID leadId, String repId, String kind, String step, String managerId,
        String reassignedTo, Instant breachedAt) {
}
