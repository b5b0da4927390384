package io.leadstream.nurture.messages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;
import io.leadstream.nurture.templates.Channel;

/**
 * {@code leadstream.message.sent.v1}: nurture sent a message to the lead (the channel accepted it). Ids and codes only:
 * never the address, subject or text. {@code sentBy} is the rep's Keycloak username, or {@code sequence}.
 */
@EventType("message.sent")
public record MessageSent(UUID messageId, UUID leadId, Channel channel, String templateKey, String language,
        UUID sequenceId, String sentBy, Instant sentAt) implements DomainEvent {

    static MessageSent of(Message m) {
        return new MessageSent(m.id, m.leadId, m.channel, m.templateKey, m.language, m.sequenceId, m.sentBy, m.sentAt);
    }
}
