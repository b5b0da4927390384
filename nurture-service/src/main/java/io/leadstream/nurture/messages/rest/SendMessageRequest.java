package io.leadstream.nurture.messages.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.messages.SendMessage;

/** POST /api/leads/{leadId}/messages: what to send, through which channel, for which purpose. */
@Schema(name = "SendMessageRequest")
public record SendMessageRequest(
        @Schema(description = "EMAIL, WHATSAPP or SMS", examples = "EMAIL") String channel,
        @Schema(description = "what the message is for; the lead's consent for it on the channel is checked (a "
                + "lower-case slug; default leadstream.nurture.messages.default-purpose, marketing)", nullable = true,
                examples = "marketing") String purpose,
        @Schema(description = "EMAIL only, required there; one line, at most 300 characters", nullable = true)
        String subject,
        @Schema(description = "the message; at most 10 000 characters for EMAIL, 4096 for WHATSAPP, 670 for SMS")
        String text) {

    public SendMessage toCommand() {
        return new SendMessage(channel, purpose, subject, text);
    }
}
