package io.leadstream.capture.channels;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.inquired.v1} (schema: {@code events/lead.inquired.v1.json}): a person contacted us through
 * an inquiry channel (a WhatsApp message, a logged call, a Google Ads lead form, an email) and it was recorded on a
 * lead, so nurture can log it as an activity. Metadata only: never the message text, the phone number, the address
 * or the channel's own message id (a WhatsApp message id encodes the sender's phone number, a Message-ID often the
 * sender's domain); {@code inquiryId} is capture's own id.
 *
 * @param newLead whether this contact created the lead (it then follows that lead's lead.captured)
 * @param replyToMessageId email only: the message nurture sent that this mail answers (nurture's own id, from the
 *         mail's In-Reply-To or References), so that its sequences stop
 */
@EventType("lead.inquired")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadInquired(UUID inquiryId, UUID leadId, String channel, boolean newLead, String messageType,
        Instant receivedAt, Integer textLength, String direction, Integer durationSeconds, String outcome,
        Boolean test, UUID replyToMessageId) implements DomainEvent {
}
