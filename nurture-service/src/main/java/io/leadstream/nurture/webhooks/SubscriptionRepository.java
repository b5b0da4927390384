package io.leadstream.nurture.webhooks;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The queries of {@code webhook_subscription}; run in the caller's session or transaction. */
@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, UUID> {

    /** Every subscription, oldest first. */
    public Uni<List<WebhookSubscription>> all() {
        return list("order by createdAt, id");
    }

    public Uni<List<WebhookSubscription>> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /** Paused subscriptions whose admins have not been told yet. */
    public Uni<List<WebhookSubscription>> pausedUnnoticed() {
        return list("status = ?1 and pauseNoticedAt is null", WebhookSubscription.Status.PAUSED);
    }
}
