package io.leadstream.nurture.webhooks;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An admin's subscription (table {@code webhook_subscription}): where to send which events of which leads. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    /** Whether deliveries go out. */
    public enum Status {
        ACTIVE,
        /** Nothing is sent (events are still queued) until an admin resumes it: by hand, or after the retry window. */
        PAUSED
    }

    @Id
    public UUID id;
    public String url;
    /** Event names of the catalogue ({@code lead.captured}). */
    public String[] eventTypes = new String[0];
    public String filterSource;
    public String filterProduct;
    public String filterSegment;
    /** {@code whsec_…}; never shown again after the subscription is created. */
    public String secret;
    public boolean allowPrivateTargets;
    public String description;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant pausedAt;
    public String pausedReason;
    public Instant pauseNoticedAt;
    public String createdBy;
    public Instant createdAt;
    public Instant updatedAt;
}
