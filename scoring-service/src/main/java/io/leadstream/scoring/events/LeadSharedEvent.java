package io.leadstream.scoring.events;

import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * scoring's reading of distribution's {@code leadstream.lead.shared.v1}: the lead was offered to a partner company,
 * and the rep who had it no longer may read its score; the partner, fields and deadline are ignored (tolerant
 * reader).
 */
@EventType("lead.shared")
public record LeadSharedEvent(UUID leadId) {
}
