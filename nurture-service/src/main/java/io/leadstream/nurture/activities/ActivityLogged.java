package io.leadstream.nurture.activities;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.activity.logged.v1} (schema: {@code events/activity.logged.v1.json}). No personal data and no
 * content: never a text, a subject or a document's file name.
 */
@EventType("activity.logged")
public record ActivityLogged(UUID activityId, UUID leadId, ActivityKind kind, Direction direction,
        UUID replyToMessageId, Integer durationSeconds, String outcome, Document document, ActivitySource source,
        String loggedBy, Instant occurredAt) implements DomainEvent {

    /** A document's type, size and checksum: never the file or its name. */
    public record Document(String mediaType, Long sizeBytes, String sha256) {
    }

    public static ActivityLogged of(Activity a) {
        Document document = a.documentSha256 == null ? null
                : new Document(a.documentMediaType, a.documentSizeBytes, a.documentSha256);
        return new ActivityLogged(a.id, a.leadId, a.kind, a.direction, a.replyToMessageId, a.durationSeconds,
                a.outcome, document, a.source, a.loggedBy, a.occurredAt);
    }
}
