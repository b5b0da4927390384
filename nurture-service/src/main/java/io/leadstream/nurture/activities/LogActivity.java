package io.leadstream.nurture.activities;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to log an activity, as the caller gave it (kind and direction still as text, so every offending field is
 * reported at once); {@link ActivityRules} checks it.
 */
public record LogActivity(String kind, String direction, Integer durationSeconds, String outcome, String subject,
        String text, DocumentMetadata document, Instant occurredAt, UUID replyToMessageId) {
}
