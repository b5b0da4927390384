package io.leadstream.nurture.messages;

import java.util.Map;

/**
 * A request to send a message to a lead: the channel (EMAIL, WHATSAPP or SMS), the purpose consent is checked for
 * (null: the configured default), and what to say — either a template ({@code templateKey}, rendered in the lead's
 * language with the lead's and the rep's values and the sender's {@code vars}) or free text (a subject for EMAIL, and a
 * text).
 */
public record SendMessage(String channel, String purpose, String templateKey, Map<String, String> vars, String subject,
        String text) {
}
