package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** scoring's reading of distribution's {@code leadstream.lead.assigned.v1}: who may read the lead's score. */
@EventType("lead.assigned")
public record LeadAssignedEvent(UUID leadId, String repId, Instant assignedAt) {
}
