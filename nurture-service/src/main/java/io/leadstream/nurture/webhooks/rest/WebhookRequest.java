package io.leadstream.nurture.webhooks.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.webhooks.SubscriptionSettings;

/** POST /api/webhooks' and PUT /api/webhooks/{id}'s body. */
@Schema(name = "WebhookRequest", description = "An outbound webhook subscription: where to send which events")
public record WebhookRequest(
        @Schema(description = "the receiver: an absolute http or https URL without user information; its host must "
                + "resolve to public addresses unless allowPrivateTargets", maxLength = 2000,
                examples = "https://hooks.example.com/leadstream") String url,
        @Schema(description = "event names of the catalogue (docs/events.md), any version", type = SchemaType.ARRAY,
                minItems = 1, maxItems = 50, examples = "[\"lead.captured\",\"lead.scored\",\"lead.assigned\"]")
        List<String> eventTypes,
        @Schema(description = "only events of leads that match every filter given", nullable = true)
        WebhookFilter filter,
        @Schema(description = "whsec_ and the base64 of 24 to 64 random bytes, the Standard Webhooks signing secret; "
                + "on create, left out: one is generated and shown once in the answer; on replace, left out: kept",
                nullable = true, maxLength = 100, examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Schema(description = "send to private, loopback and link-local addresses too (an admin's explicit choice, "
                + "for receivers inside the network); default false", nullable = true) Boolean allowPrivateTargets,
        @Schema(description = "what the subscription is for", nullable = true, maxLength = 500) String description,
        @Schema(description = "false pauses the subscription (events are still queued), true resumes it (its pending "
                + "deliveries are due at once); default true on create, unchanged on replace when left out",
                nullable = true) Boolean active) {

    /** The leads whose events are sent. */
    @Schema(name = "WebhookFilter")
    public record WebhookFilter(
            @Schema(description = "the lead's source (web, api, partner, import, whatsapp, call, email, …)",
                    nullable = true, maxLength = 100) String source,
            @Schema(description = "a product the lead is interested in", nullable = true, maxLength = 100)
            String product,
            @Schema(description = "the lead's market segment", nullable = true, maxLength = 100) String segment) {
    }

    SubscriptionSettings toCommand() {
        WebhookFilter f = filter == null ? new WebhookFilter(null, null, null) : filter;
        return new SubscriptionSettings(url, eventTypes, f.source(), f.product(), f.segment(), secret,
                allowPrivateTargets, description, active);
    }
}
