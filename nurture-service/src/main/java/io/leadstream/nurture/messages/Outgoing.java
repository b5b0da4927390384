package io.leadstream.nurture.messages;

import java.util.Map;
import java.util.UUID;
import io.leadstream.nurture.templates.Channel;

/**
 * One message, rendered and addressed, handed to a {@link ChannelSender}. {@code to} is an email address (EMAIL) or an
 * E.164 phone number (WHATSAPP, SMS); {@code subject} and {@code html} are for EMAIL only ({@code text} is the plain
 * body on every channel); {@code headers} are extra mail headers (List-Unsubscribe, List-Unsubscribe-Post).
 * {@code messageId} is nurture's id of the message: adapters pass it on where the provider takes a client reference,
 * so that a retried request is recognisable.
 */
public record Outgoing(UUID messageId, UUID leadId, Channel channel, String to, String toName, String subject,
        String html, String text, Map<String, String> headers) {

    public Outgoing {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
