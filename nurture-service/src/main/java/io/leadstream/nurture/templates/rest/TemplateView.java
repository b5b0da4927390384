package io.leadstream.nurture.templates.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.templates.MessageTemplate;

/** A message template as the API shows it. */
@Schema(name = "Template")
public record TemplateView(UUID id, String key, Channel channel, String language, String name,
        @Schema(nullable = true, description = "EMAIL only") String subject,
        String body,
        @Schema(description = "1 when created, one more with every change; the ETag") int version,
        Instant createdAt,
        @Schema(description = "the admin's Keycloak username, or nurture-service for a shipped example")
        String createdBy,
        Instant updatedAt, String updatedBy) {

    public static TemplateView of(MessageTemplate t) {
        return new TemplateView(t.id, t.templateKey, t.channel, t.language, t.name, t.subject, t.body, t.version,
                t.createdAt, t.createdBy, t.updatedAt, t.updatedBy);
    }
}
