package io.leadstream.nurture.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.chassis.blocking.Blocking;
import io.leadstream.chassis.inbox.InboundEvent;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Outbound webhook subscriptions (admins) and the fan-out of events to them. Every event nurture's consumers read is
 * handed to {@link #fanOut} by the consumers' tap, in the consuming event's transaction: it becomes one delivery per
 * subscription that wants it, due after the settle time, which {@link WebhookDeliverer} sends. A subscription's URL is
 * checked by {@link TargetGuard} when it is saved (and again before every delivery).
 */
@ApplicationScoped
public class Webhooks {

    /** A page of a subscription's delivery log; {@code nextCursor} null on the last page. */
    public record DeliveryLog(List<WebhookDelivery> items, String nextCursor) {
    }

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final EventCatalogue catalogue;
    private final TargetGuard guard;
    private final WebhooksConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Webhooks(SubscriptionRepository subscriptions, DeliveryRepository deliveries, EventCatalogue catalogue,
            TargetGuard guard, WebhooksConfig config, ObjectMapper mapper, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.catalogue = catalogue;
        this.guard = guard;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<List<WebhookSubscription>> list() {
        return Panache.withSession(subscriptions::all);
    }

    public Uni<WebhookSubscription> get(UUID id) {
        return Panache.withSession(() -> find(id));
    }

    /** A new subscription, active; its secret generated when none is given. 400 naming the field. */
    public Uni<WebhookSubscription> create(SubscriptionSettings request, String by) {
        SubscriptionRules.Checked c = SubscriptionRules.check(request, catalogue.names());
        return allowedTarget(c).chain(() -> Panache.withTransaction(() -> {
            Instant now = now();
            WebhookSubscription s = new WebhookSubscription();
            s.id = UUID.randomUUID();
            s.secret = c.secret() == null ? StandardWebhooks.newSecret() : c.secret();
            s.status = Boolean.FALSE.equals(c.active()) ? WebhookSubscription.Status.PAUSED
                    : WebhookSubscription.Status.ACTIVE;
            if (s.status == WebhookSubscription.Status.PAUSED) {
                s.pausedAt = now;
                s.pausedReason = "created paused by " + by;
                s.pauseNoticedAt = now; // the admin who did it knows
            }
            s.createdBy = by;
            s.createdAt = now;
            apply(s, c, now);
            return subscriptions.persist(s);
        })).invoke(s -> Log.infof("webhook subscription %s to %s for %s created by %s", s.id, s.url,
                String.join(",", s.eventTypes), by));
    }

    /**
     * Replaces a subscription's settings; an absent secret keeps the current one; {@code active} false pauses it,
     * true resumes it (its pending deliveries are due at once, each with a new retry window). 404 when unknown.
     */
    public Uni<WebhookSubscription> replace(UUID id, SubscriptionSettings request, String by) {
        SubscriptionRules.Checked c = SubscriptionRules.check(request, catalogue.names());
        return allowedTarget(c).chain(() -> Panache.withTransaction(() -> find(id).chain(s -> {
            Instant now = now();
            apply(s, c, now);
            if (c.secret() != null) {
                s.secret = c.secret();
            }
            if (Boolean.FALSE.equals(c.active()) && s.status == WebhookSubscription.Status.ACTIVE) {
                s.status = WebhookSubscription.Status.PAUSED;
                s.pausedAt = now;
                s.pausedReason = "paused by " + by;
                s.pauseNoticedAt = now;
                Log.infof("webhook subscription %s paused by %s", id, by);
            } else if (Boolean.TRUE.equals(c.active()) && s.status == WebhookSubscription.Status.PAUSED) {
                s.status = WebhookSubscription.Status.ACTIVE;
                s.pausedAt = null;
                s.pausedReason = null;
                s.pauseNoticedAt = null;
                return deliveries.resume(id, now)
                        .invoke(n -> Log.infof("webhook subscription %s resumed by %s: %d pending deliveries due", id,
                                by, n))
                        .replaceWith(s);
            }
            return Uni.createFrom().item(s);
        })));
    }

    /** Deletes a subscription and its delivery log; 404 when unknown. */
    public Uni<Void> delete(UUID id, String by) {
        return Panache.withTransaction(() -> find(id).chain(s -> subscriptions.delete(s)))
                .invoke(() -> Log.infof("webhook subscription %s deleted by %s", id, by));
    }

    /** A page of the subscription's deliveries, newest first, optionally of one status. */
    public Uni<DeliveryLog> deliveries(UUID id, WebhookDelivery.Status status, String cursor, int limit) {
        Long before = decode(cursor);
        return Panache.withSession(() -> find(id).chain(s -> deliveries.log(id, status, before, limit + 1)))
                .map(rows -> rows.size() > limit
                        ? new DeliveryLog(rows.subList(0, limit), encode(rows.get(limit - 1).seq))
                        : new DeliveryLog(rows, null));
    }

    /**
     * Sends a delivery again as soon as possible, whatever it stands at (a delivered one too: the receiver lost it),
     * with a new retry window. 404 for an unknown subscription or a delivery not of it; 409 while the subscription is
     * paused (resume it first).
     */
    public Uni<WebhookDelivery> retry(UUID id, UUID deliveryId, String by) {
        return Panache.withTransaction(() -> find(id).chain(s -> {
            if (s.status == WebhookSubscription.Status.PAUSED) {
                throw ProblemException.conflict("webhook-paused", "the subscription is paused ("
                        + s.pausedReason + "): resume it (PUT with active true) before retrying deliveries");
            }
            return deliveries.findById(deliveryId);
        }).map(d -> {
            if (d == null || !d.subscriptionId.equals(id)) {
                throw ProblemException.notFound("delivery", deliveryId);
            }
            d.status = WebhookDelivery.Status.PENDING;
            d.firstAttemptAt = null;
            d.nextAttemptAt = now();
            d.deliveredAt = null;
            Log.infof("webhook delivery %s (%s) of subscription %s retried by %s", deliveryId, d.eventType, id, by);
            return d;
        }));
    }

    /**
     * The consumers' tap, in the consuming event's transaction: remembers a lead's filter attributes from
     * {@code lead.captured} and {@code lead.updated}, queues the event for every subscription that wants it, and
     * forgets an erased lead's attributes (after queueing its {@code lead.erased}).
     */
    public Uni<Void> fanOut(InboundEvent event) {
        String name = event.name();
        UUID lead = uuid(event.subject());
        Instant now = now();
        Instant time = event.time() == null ? now : event.time().truncatedTo(ChronoUnit.MICROS);
        Uni<Void> before = Uni.createFrom().voidItem();
        if (lead != null && ("lead.captured".equals(name) || "lead.updated".equals(name)) && event.data() != null) {
            JsonNode data = event.data();
            before = deliveries.rememberLead(lead, text(data.get("source")), text(data.get("segment")),
                    data.path("products").isArray() ? data.get("products").toString() : "[]", time);
        }
        Uni<Void> after = lead != null && "lead.erased".equals(name) ? deliveries.forgetLead(lead)
                : Uni.createFrom().voidItem();
        return before
                .chain(() -> deliveries.enqueue(name, event.type(), event.id(), event.subject(), lead, time,
                        payload(event, time), now.plus(config.settle()), now))
                .invoke(n -> {
                    if (n > 0) {
                        Log.debugf("event %s (%s) queued for %d webhook subscriptions", event.id(), name, n);
                    }
                })
                .chain(() -> after);
    }

    /** The event as a structured-mode CloudEvent (JSON): its attributes and its data, nothing added. */
    String payload(InboundEvent event, Instant time) {
        ObjectNode ce = mapper.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", event.id());
        ce.put("source", event.source());
        ce.put("type", event.type());
        if (event.subject() != null) {
            ce.put("subject", event.subject());
        }
        ce.put("time", time.toString());
        ce.put("datacontenttype", "application/json");
        ce.set("data", event.data());
        try {
            return mapper.writeValueAsString(ce);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.id() + " as a CloudEvent", e);
        }
    }

    /** 400 naming {@code url} when the guard refuses where it resolves (checked off the event loop). */
    private Uni<Void> allowedTarget(SubscriptionRules.Checked c) {
        return Blocking.offTheEventLoop(() -> guard.check(c.url(), c.allowPrivateTargets())).invoke(verdict -> {
            if (!verdict.allowed()) {
                throw ProblemException.badRequest("invalid-webhook", "the target URL is refused",
                        List.of(new FieldError("url", verdict.reason())));
            }
        }).replaceWithVoid();
    }

    private void apply(WebhookSubscription s, SubscriptionRules.Checked c, Instant now) {
        s.url = c.url();
        s.eventTypes = c.eventTypes().toArray(String[]::new);
        s.filterSource = c.filterSource();
        s.filterProduct = c.filterProduct();
        s.filterSegment = c.filterSegment();
        s.allowPrivateTargets = c.allowPrivateTargets();
        s.description = c.description();
        s.updatedAt = now;
    }

    private Uni<WebhookSubscription> find(UUID id) {
        return subscriptions.findById(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("webhook subscription", id);
            }
            return s;
        });
    }

    private static String encode(long seq) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("d" + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String s = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (!s.startsWith("d")) {
                throw new IllegalArgumentException(s);
            }
            return Long.parseLong(s.substring(1));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("validation", "the cursor is not one this API handed out",
                    List.of(new FieldError("cursor", "is not a cursor from a previous page")));
        }
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText().toLowerCase(java.util.Locale.ROOT);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
