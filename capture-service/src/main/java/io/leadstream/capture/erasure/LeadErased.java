package io.leadstream.capture.erasure;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.erased.v1} (schema: {@code events/lead.erased.v1.json}): the lead's personal data was
 * erased in capture-service. Consumers drop or anonymise what they hold about the lead id.
 */
@EventType("lead.erased")
public record LeadErased(UUID leadId, Instant erasedAt) implements DomainEvent {
}
