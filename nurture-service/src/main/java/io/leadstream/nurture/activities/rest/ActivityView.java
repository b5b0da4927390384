package io.leadstream.nurture.activities.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.activities.Activity;
import io.leadstream.nurture.activities.ActivityKind;
import io.leadstream.nurture.activities.ActivitySource;
import io.leadstream.nurture.activities.Direction;

/** An activity as the API shows it to those who may work the lead. */
@Schema(name = "Activity")
public record ActivityView(UUID activityId, UUID leadId, ActivityKind kind,
        @Schema(nullable = true) Direction direction,
        @Schema(nullable = true) Integer durationSeconds,
        @Schema(nullable = true) String outcome,
        @Schema(nullable = true) String subject,
        @Schema(nullable = true) String text,
        @Schema(nullable = true) DocumentView document,
        @Schema(nullable = true) UUID replyToMessageId,
        @Schema(nullable = true, description = "source MESSAGE: the message nurture sent (POST /api/leads/{leadId}/messages)")
        UUID messageId,
        ActivitySource source,
        @Schema(description = "the rep's Keycloak username, the integration's client, or capture-service for inquiries")
        String loggedBy,
        Instant occurredAt,
        @Schema(description = "when nurture recorded it") Instant loggedAt) {

    @Schema(name = "DocumentMetadata")
    public record DocumentView(String fileName, String mediaType, long sizeBytes, String sha256) {
    }

    public static ActivityView of(Activity a) {
        DocumentView document = a.document() == null ? null : new DocumentView(a.documentFileName,
                a.documentMediaType, a.documentSizeBytes, a.documentSha256);
        return new ActivityView(a.id, a.leadId, a.kind, a.direction, a.durationSeconds, a.outcome, a.subject, a.text,
                document, a.replyToMessageId, a.messageId, a.source, a.loggedBy, a.occurredAt, a.loggedAt);
    }
}
