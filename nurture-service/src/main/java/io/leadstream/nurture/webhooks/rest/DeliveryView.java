package io.leadstream.nurture.webhooks.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.webhooks.WebhookDelivery;
import io.leadstream.nurture.webhooks.Webhooks;

/** One delivery of the log. */
@Schema(name = "WebhookDelivery", description = "One event sent (or to be sent) to a subscription")
public record DeliveryView(
        @Schema(description = "the webhook-id header of every attempt") UUID id,
        @Schema(description = "the event's ce_id") String eventId,
        @Schema(description = "the event's ce_type", examples = "leadstream.lead.captured.v1") String eventType,
        @Schema(description = "the lead (the event's subject)", nullable = true) String leadId,
        Instant eventTime,
        @Schema(enumeration = { "PENDING", "DELIVERED", "FAILED" }, description = "PENDING: not delivered yet; "
                + "DELIVERED: the target answered 2xx; FAILED: given up after the retry window or on 410 Gone")
        String status,
        int attempts,
        @Schema(nullable = true) Instant firstAttemptAt,
        @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(description = "when it is tried next (PENDING only)", nullable = true) Instant nextAttemptAt,
        @Schema(description = "the target's last HTTP status; null when it did not answer", nullable = true)
        Integer lastStatus,
        @Schema(description = "why the last attempt failed", nullable = true) String lastError,
        @Schema(nullable = true) Instant deliveredAt) {

    static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(d.id, d.eventId, d.eventType, d.leadId, d.eventTime, d.status.name(), d.attempts,
                d.firstAttemptAt, d.lastAttemptAt, d.status == WebhookDelivery.Status.PENDING ? d.nextAttemptAt : null,
                d.lastStatus, d.lastError, d.deliveredAt);
    }

    /** GET /api/webhooks/{id}/deliveries' answer. */
    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items,
            @Schema(description = "the next page's cursor; null on the last page", nullable = true) String nextCursor) {

        static DeliveryPage of(Webhooks.DeliveryLog page) {
            return new DeliveryPage(page.items().stream().map(DeliveryView::of).toList(), page.nextCursor());
        }
    }
}
