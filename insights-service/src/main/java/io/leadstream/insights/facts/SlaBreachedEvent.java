package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' reading of distribution's {@code leadstream.sla.breached.v1}: the rep missed the lead's first-touch or
 * next-touch target ({@code kind}); each step of the breach (REMIND, ESCALATE, REASSIGN) is an event. Checked in
 * EventContractsTest.
 */
@EventType("sla.breached")
public record SlaBreachedEvent(UUID leadId, String repId, String kind, String step, String teamId, Instant breachedAt) {
}
