package io.leadstream.nurture.messages.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.Message;
import io.leadstream.nurture.messages.MessageStatus;

/** A message nurture sent to a lead (never its address: that stays in capture). */
@Schema(name = "Message")
public record MessageView(UUID messageId, UUID leadId, Channel channel, String purpose,
        @Schema(nullable = true) String templateKey,
        @Schema(nullable = true) String language,
        @Schema(nullable = true, description = "EMAIL only; null after the lead was erased") String subject,
        @Schema(nullable = true, description = "what the lead got; null after the lead was erased") String text,
        MessageStatus status,
        @Schema(nullable = true, description = "FAILED: why") String error,
        @Schema(nullable = true, description = "the channel's id for it (WhatsApp's wamid, the SMS gateway's id)")
        String providerMessageId,
        @Schema(nullable = true, description = "its activity on the lead's timeline") UUID activityId,
        @Schema(description = "the rep's Keycloak username, or sequence") String sentBy,
        Instant createdAt,
        @Schema(nullable = true) Instant sentAt) {

    public static MessageView of(Message m) {
        return new MessageView(m.id, m.leadId, m.channel, m.purpose, m.templateKey, m.language, m.subject, m.body,
                m.status, m.error, m.providerMessageId, m.activityId, m.sentBy, m.createdAt, m.sentAt);
    }
}
