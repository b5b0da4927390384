package io.leadstream.nurture.messages;

/**
 * A request to send a message to a lead: the channel (EMAIL, WHATSAPP or SMS), the purpose consent is checked for
 * (null: the configured default), and what to say — a subject (EMAIL only) and a text.
 */
public record SendMessage(String channel, String purpose, String subject, String text) {
}
