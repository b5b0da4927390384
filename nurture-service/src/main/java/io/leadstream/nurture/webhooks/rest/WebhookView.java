package io.leadstream.nurture.webhooks.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.nurture.webhooks.WebhookSubscription;

/** A subscription as the API shows it; its secret only in the answer to its creation. */
@Schema(name = "Webhook", description = "An outbound webhook subscription")
public record WebhookView(UUID id, String url, List<String> eventTypes, WebhookRequest.WebhookFilter filter,
        @Schema(description = "the signing secret: only in the answer to POST; keep it, it is not shown again",
                nullable = true) @JsonInclude(JsonInclude.Include.NON_NULL) String secret,
        boolean allowPrivateTargets, String description,
        @Schema(description = "ACTIVE, or PAUSED: nothing is sent until it is resumed (events are still queued)",
                enumeration = { "ACTIVE", "PAUSED" }) String status,
        @Schema(nullable = true) Instant pausedAt,
        @Schema(description = "why it was paused: by whom, or the delivery that failed for the whole retry window",
                nullable = true) String pausedReason,
        String createdBy, Instant createdAt, Instant updatedAt) {

    static WebhookView of(WebhookSubscription s) {
        return new WebhookView(s.id, s.url, Arrays.asList(s.eventTypes),
                new WebhookRequest.WebhookFilter(s.filterSource, s.filterProduct, s.filterSegment), null,
                s.allowPrivateTargets, s.description, s.status.name(), s.pausedAt, s.pausedReason, s.createdBy,
                s.createdAt, s.updatedAt);
    }

    static WebhookView created(WebhookSubscription s) {
        WebhookView v = of(s);
        return new WebhookView(v.id, v.url, v.eventTypes, v.filter, s.secret, v.allowPrivateTargets, v.description,
                v.status, v.pausedAt, v.pausedReason, v.createdBy, v.createdAt, v.updatedAt);
    }

    /** GET /api/webhooks' answer. */
    @Schema(name = "WebhookList")
    public record WebhookList(List<WebhookView> items) {
    }
}
