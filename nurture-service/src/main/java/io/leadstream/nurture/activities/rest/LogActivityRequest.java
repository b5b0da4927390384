package io.leadstream.nurture.activities.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.activities.ActivityRules;
import io.leadstream.nurture.activities.DocumentMetadata;
import io.leadstream.nurture.activities.LogActivity;

/** What a rep or an integration logs (only the fields a caller may set; who and when it was logged are nurture's). */
@Schema(name = "LogActivityRequest")
public record LogActivityRequest(
        @Schema(required = true, enumeration = { "CALL", "EMAIL", "WHATSAPP", "SMS", "MEETING", "NOTE", "DOCUMENT" })
        String kind,
        @Schema(enumeration = { "INBOUND", "OUTBOUND" },
                description = "required for calls, emails, WhatsApp messages and SMS; INBOUND is the lead reaching us")
        String direction,
        @Schema(minimum = "0", maximum = "" + ActivityRules.MAX_DURATION_SECONDS, description = "calls and meetings")
        Integer durationSeconds,
        @Schema(maxLength = ActivityRules.MAX_OUTCOME, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$",
                description = "calls and meetings: answered, voicemail, no-answer, callback-requested, held, no-show, …")
        String outcome,
        @Schema(maxLength = ActivityRules.MAX_SUBJECT, description = "emails, WhatsApp messages and SMS; kept in "
                + "nurture only, never published") String subject,
        @Schema(maxLength = ActivityRules.MAX_TEXT, description = "a note's text (required), or a message's; kept in "
                + "nurture only, never published") String text,
        @Schema(description = "documents only (required): metadata, the file is never uploaded") DocumentRequest document,
        @Schema(description = "when it happened; default now, at most a minute ahead") Instant occurredAt,
        @Schema(type = SchemaType.STRING, format = "uuid", description = "an inbound message answering a message "
                + "nurture sent (message.sent's messageId)") UUID replyToMessageId) {

    /** A document's metadata. */
    @Schema(name = "DocumentMetadataRequest")
    public record DocumentRequest(
            @Schema(required = true, maxLength = ActivityRules.MAX_FILE_NAME) String fileName,
            @Schema(required = true, maxLength = ActivityRules.MAX_MEDIA_TYPE, example = "application/pdf")
            String mediaType,
            @Schema(required = true, minimum = "0") Long sizeBytes,
            @Schema(required = true, pattern = "^[0-9a-fA-F]{64}$", description = "the file's SHA-256, hex") String sha256) {
    }

    LogActivity toCommand() {
        DocumentMetadata doc = document == null ? null
                : new DocumentMetadata(document.fileName(), document.mediaType(), document.sizeBytes(), document.sha256());
        return new LogActivity(kind, direction, durationSeconds, outcome, subject, text, doc, occurredAt,
                replyToMessageId);
    }
}
