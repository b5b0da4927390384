package io.leadstream.nurture.activities;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's reading of capture's {@code leadstream.lead.inquired.v1}: a person reached us through an inquiry channel
 * (whatsapp, call, google-ads, email; {@code replyToMessageId}: the message of ours a mail answers). Tolerant:
 * newLead, messageType, textLength and test are not read, nor unknown fields.
 * Checked against capture's JSON Schema in ActivityEventContractsTest.
 */
@EventType("lead.inquired")
public record LeadInquiredEvent(UUID inquiryId, UUID leadId, String channel, Instant receivedAt, String direction,
        Integer durationSeconds, String outcome, UUID replyToMessageId) {

    /** The same inquiry, on {@code lead} (the survivor of a merge it arrived after). */
    public LeadInquiredEvent on(UUID lead) {
        return new LeadInquiredEvent(inquiryId, lead, channel, receivedAt, direction, durationSeconds, outcome,
                replyToMessageId);
    }
}
