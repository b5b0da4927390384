package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** scoring's reading of capture's {@code leadstream.lead.erased.v1}: drop everything scoring holds on the lead. */
@EventType("lead.erased")
public record LeadErasedEvent(UUID leadId, Instant erasedAt) {
}
