package io.leadstream.nurture.messages.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.messages.SendMessage;

/** POST /api/leads/{leadId}/messages: what to send (a template, or free text), through which channel, for what. */
@Schema(name = "SendMessageRequest")
public record SendMessageRequest(
        @Schema(description = "EMAIL, WHATSAPP or SMS", examples = "EMAIL") String channel,
        @Schema(description = "what the message is for; the lead's consent for it on the channel is checked (a "
                + "lower-case slug; default leadstream.nurture.messages.default-purpose, marketing)", nullable = true,
                examples = "marketing") String purpose,
        @Schema(description = "a template's key (GET /api/templates): rendered for the channel in the lead's language, "
                + "else English, with the lead's values read from capture, the sender's name and vars; instead of "
                + "subject and text", nullable = true, examples = "meeting-invitation") String templateKey,
        @Schema(description = "with templateKey: values for the template's {vars.<name>} (a value the template needs "
                + "and the request does not give is a 400)", nullable = true,
                examples = "{\"meetingDate\": \"Tuesday, 8 December\", \"meetingTime\": \"10:00\"}")
        Map<String, String> vars,
        @Schema(description = "free text, EMAIL only, required there; one line, at most 300 characters",
                nullable = true) String subject,
        @Schema(description = "free text: the message; at most 10 000 characters for EMAIL, 4096 for WHATSAPP, 670 "
                + "for SMS", nullable = true) String text) {

    public SendMessage toCommand() {
        return new SendMessage(channel, purpose, templateKey, vars, subject, text);
    }
}
