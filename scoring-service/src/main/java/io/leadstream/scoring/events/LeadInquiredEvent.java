package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** scoring's reading of capture's {@code leadstream.lead.inquired.v1}: an inbound contact, an engagement signal. */
@EventType("lead.inquired")
public record LeadInquiredEvent(UUID inquiryId, UUID leadId, String channel, String messageType, Instant receivedAt,
        String direction, Boolean test) {
}
