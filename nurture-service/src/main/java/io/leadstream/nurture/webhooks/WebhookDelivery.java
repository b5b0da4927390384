package io.leadstream.nurture.webhooks;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One event for one subscription (table {@code webhook_delivery}): the signed payload and how its delivery goes. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    /** Where a delivery stands. */
    public enum Status {
        /** Not delivered yet: due at {@code nextAttemptAt}, after the lead's earlier deliveries. */
        PENDING,
        /** The target answered 2xx. */
        DELIVERED,
        /** Given up after the retry window (or the target answered 410 Gone); an admin may retry it. */
        FAILED
    }

    @Id
    public UUID id;
    @Column(insertable = false, updatable = false)
    public long seq;
    public UUID subscriptionId;
    public String eventId;
    public String eventType;
    public String leadId;
    public Instant eventTime;
    public String payload;
    /** Queued before the lead's attributes were known: the subscription's filter is applied when it is due. */
    public boolean filterPending;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    public Instant firstAttemptAt;
    public Instant lastAttemptAt;
    public Instant nextAttemptAt;
    public Integer lastStatus;
    public String lastError;
    public Instant deliveredAt;
    public Instant createdAt;
}
