package io.leadstream.nurture.templates;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A message template: per key ({@code product-introduction}), channel and language, a Qute body and, for EMAIL, a Qute
 * subject. {@code version} counts the edits (1 when created). Company-wide: no lead and no personal data in it.
 */
@Entity
@Table(name = "message_template")
public class MessageTemplate extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "template_key")
    public String templateKey;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String language;
    public String name;
    /** EMAIL only; null for WHATSAPP and SMS. */
    public String subject;
    public String body;
    public int version;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    public String updatedBy;

    /** What the renderer needs of it. */
    public TemplateText text() {
        return new TemplateText(channel, language, subject, body);
    }
}
