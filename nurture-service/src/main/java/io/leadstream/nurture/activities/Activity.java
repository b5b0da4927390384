package io.leadstream.nurture.activities;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One activity on a lead's timeline. {@code subject}, {@code text} and the document's file name stay in nurture's
 * database (they may hold personal data); activity.logged carries none of them.
 */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    public ActivityKind kind;
    @Enumerated(EnumType.STRING)
    public Direction direction;
    public Integer durationSeconds;
    public String outcome;
    public String subject;
    public String text;
    public String documentFileName;
    public String documentMediaType;
    public Long documentSizeBytes;
    public String documentSha256;
    public UUID replyToMessageId;
    /** For source MESSAGE: the message nurture sent. */
    public UUID messageId;
    @Enumerated(EnumType.STRING)
    public ActivitySource source;
    public String loggedBy;
    public Instant occurredAt;
    public Instant loggedAt;
    /** capture's inquiryId, for activities from lead.inquired. */
    public UUID inquiryId;
    public String idempotencyScope;
    public String idempotencyKey;
    public String requestHash;

    /** The document's metadata, or null when this is no document. */
    public DocumentMetadata document() {
        return documentSha256 == null ? null
                : new DocumentMetadata(documentFileName, documentMediaType, documentSizeBytes, documentSha256);
    }
}
