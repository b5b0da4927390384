package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** distribution's reading of capture's {@code leadstream.lead.erased.v1}. */
@EventType("lead.erased")
public record LeadErasedEvent(UUID leadId, Instant erasedAt) {
}
