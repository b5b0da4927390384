package io.leadstream.nurture.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.blocking.Blocking;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the queued deliveries. Every {@code leadstream.nurture.webhooks.deliver-every} (1 s; tests call {@link #run()}
 * themselves) a pass
 * <ol>
 * <li>claims a batch of due deliveries of active subscriptions, each the first one still pending of its lead for its
 * subscription ({@code FOR UPDATE SKIP LOCKED}; the claim is a lease: a pass that dies leaves them to another one
 * after {@code lease}), in a short transaction;</li>
 * <li>checks each target again with {@link TargetGuard} (off the event loop) and POSTs the signed CloudEvent through
 * {@link WebhookTransport}, several at once but never two of one lead and subscription;</li>
 * <li>records each outcome in one transaction: 2xx is delivered; anything else is tried again after the
 * {@link RetrySchedule}'s back-off, until the retry window from the first attempt is over: then the delivery is given
 * up and its subscription paused (410 Gone pauses at once);</li>
 * <li>tells the admins ({@code notify}) by email about newly paused subscriptions, and deletes delivered rows older
 * than {@code keep-delivered}.</li>
 * </ol>
 * At least once: a crash between the target's answer and the commit sends the delivery again under the same
 * {@code webhook-id}, which receivers de-duplicate on.
 */
@ApplicationScoped
public class WebhookDeliverer {

    /** What one pass did. */
    public record Result(int delivered, int failed, int gaveUp, int paused) {
    }

    /** One claimed delivery with what sending it needs. */
    private record Claim(UUID id, String url, boolean allowPrivate, String secret, String payload) {
    }

    /** How an attempt ended: an answer, or why there was none. */
    private record Attempt(Claim claim, WebhookTransport.Answer answer, String error) {
    }

    private enum Outcome {
        DELIVERED, FAILED, GAVE_UP, GONE,
        /** The delivery went with its subscription while it was being sent. */
        DROPPED
    }

    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final WebhookTransport transport;
    private final TargetGuard guard;
    private final ReactiveMailer mailer;
    private final WebhooksConfig config;
    private final RetrySchedule schedule;
    private final MeterRegistry registry;
    private final Clock clock;

    public WebhookDeliverer(DeliveryRepository deliveries, SubscriptionRepository subscriptions,
            WebhookTransport transport, TargetGuard guard, ReactiveMailer mailer, WebhooksConfig config,
            MeterRegistry registry, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.transport = transport;
        this.guard = guard;
        this.mailer = mailer;
        this.config = config;
        this.schedule = new RetrySchedule(config.firstRetry(), config.maxRetryInterval(), config.retryWindow());
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(every = "${leadstream.nurture.webhooks.deliver-every:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return run().invoke(r -> {
            if (r.failed() + r.gaveUp() + r.paused() > 0) {
                Log.infof("webhooks: %d delivered, %d failed (tried again later), %d given up, %d subscriptions paused",
                        r.delivered(), r.failed(), r.gaveUp(), r.paused());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "webhook delivery pass failed; the next one starts over");
            return null;
        });
    }

    /** One pass: one batch of deliveries, then the pause notices and the purge. */
    public Uni<Result> run() {
        return Panache.withTransaction(this::claim)
                .chain(claims -> Multi.createFrom().iterable(claims)
                        .onItem().transformToUni(this::attempt).merge(Math.max(1, config.concurrency()))
                        .collect().asList())
                .chain(attempts -> attempts.isEmpty() ? Uni.createFrom().item(List.<Outcome>of())
                        : Panache.withTransaction(() -> Multi.createFrom().iterable(attempts)
                                .onItem().transformToUniAndConcatenate(this::record).collect().asList()))
                .chain(outcomes -> Panache.withTransaction(this::noticePaused)
                        .chain(() -> Panache.withTransaction(() -> deliveries.purge(now().minus(config.keepDelivered()))))
                        .map(ignored -> new Result(count(outcomes, Outcome.DELIVERED), count(outcomes, Outcome.FAILED),
                                count(outcomes, Outcome.GAVE_UP), count(outcomes, Outcome.GONE)
                                        + count(outcomes, Outcome.GAVE_UP))));
    }

    private Uni<List<Claim>> claim() {
        Instant now = now();
        return deliveries.settleFilters(now, now.minus(config.filterWait()))
                .chain(() -> deliveries.due(now, config.batch())).chain(due -> {
            due.forEach(d -> d.nextAttemptAt = now.plus(config.lease()));
            return subscriptions.byIds(due.stream().map(d -> d.subscriptionId).distinct().toList())
                    .map(subs -> {
                        Map<UUID, WebhookSubscription> byId = subs.stream()
                                .collect(Collectors.toMap(s -> s.id, Function.identity()));
                        return due.stream().map(d -> {
                            WebhookSubscription s = byId.get(d.subscriptionId);
                            return new Claim(d.id, s.url, s.allowPrivateTargets, s.secret, d.payload);
                        }).toList();
                    });
        });
    }

    private Uni<Attempt> attempt(Claim claim) {
        return Blocking.offTheEventLoop(() -> guard.check(claim.url(), claim.allowPrivate())).chain(verdict -> {
            if (!verdict.allowed()) {
                return Uni.createFrom().item(new Attempt(claim, null, "not sent: the target URL is refused now: "
                        + verdict.reason()));
            }
            byte[] body = claim.payload().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>(
                    StandardWebhooks.headers(claim.secret(), claim.id().toString(), clock.instant(), body));
            headers.put("content-type", "application/cloudevents+json; charset=utf-8");
            return transport.post(claim.url(), headers, body)
                    .map(answer -> new Attempt(claim, answer, null))
                    .onFailure().recoverWithItem(failure -> new Attempt(claim, null,
                            failure instanceof WebhookTransport.NoAnswer ? failure.getMessage()
                                    : "no answer (" + failure + ")"));
        });
    }

    /** Writes the attempt's outcome on its delivery (and pauses the subscription when it is given up). */
    private Uni<Outcome> record(Attempt attempt) {
        return deliveries.findById(attempt.claim().id()).chain(d -> {
            if (d == null) {
                return Uni.createFrom().item(Outcome.DROPPED);
            }
            Instant now = now();
            d.attempts++;
            d.lastAttemptAt = now;
            if (d.firstAttemptAt == null) {
                d.firstAttemptAt = now;
            }
            WebhookTransport.Answer answer = attempt.answer();
            d.lastStatus = answer == null ? null : answer.status();
            if (answer != null && answer.delivered()) {
                d.status = WebhookDelivery.Status.DELIVERED;
                d.deliveredAt = now;
                d.lastError = null;
                return counted(Outcome.DELIVERED);
            }
            d.lastError = truncate(answer == null ? attempt.error() : "the target answered HTTP " + answer.status()
                    + (answer.status() >= 300 && answer.status() < 400 ? " (redirects are not followed)" : "")
                    + (answer.excerpt() == null || answer.excerpt().isBlank() ? "" : ": " + answer.excerpt()));
            if (answer != null && answer.status() == 410) {
                d.status = WebhookDelivery.Status.FAILED;
                return pause(d.subscriptionId, now, "the target answered 410 Gone to delivery " + d.id
                        + ": it no longer takes deliveries").replaceWith(counted(Outcome.GONE));
            }
            if (schedule.givesUp(d.firstAttemptAt, now)) {
                d.status = WebhookDelivery.Status.FAILED;
                Log.warnf("webhook delivery %s (%s) of subscription %s given up after %d attempts since %s: %s", d.id,
                        d.eventType, d.subscriptionId, d.attempts, d.firstAttemptAt, d.lastError);
                return pause(d.subscriptionId, now, "delivery " + d.id + " (" + d.eventType + ") failed for "
                        + config.retryWindow().toHours() + " h, " + d.attempts + " attempts; last: " + d.lastError)
                        .replaceWith(counted(Outcome.GAVE_UP));
            }
            d.nextAttemptAt = now.plus(schedule.backoff(d.firstAttemptAt, now));
            Log.debugf("webhook delivery %s attempt %d failed (%s), next at %s", d.id, d.attempts, d.lastError,
                    d.nextAttemptAt);
            return counted(Outcome.FAILED);
        });
    }

    private Uni<Void> pause(UUID subscription, Instant now, String reason) {
        return subscriptions.findById(subscription).invoke(s -> {
            if (s != null && s.status == WebhookSubscription.Status.ACTIVE) {
                s.status = WebhookSubscription.Status.PAUSED;
                s.pausedAt = now;
                s.pausedReason = truncate(reason);
                s.pauseNoticedAt = null;
                s.updatedAt = now;
                Log.warnf("webhook subscription %s to %s paused: %s", s.id, s.url, reason);
            }
        }).replaceWithVoid();
    }

    /** Emails the admins about each paused subscription they have not been told of (or logs it when nobody is set). */
    private Uni<Void> noticePaused() {
        List<String> to = config.notifyAddresses().orElse(List.of()).stream().filter(a -> !a.isBlank()).toList();
        return subscriptions.pausedUnnoticed().chain(paused -> Multi.createFrom().iterable(paused)
                .onItem().transformToUniAndConcatenate(s -> {
                    if (to.isEmpty()) {
                        Log.warnf("webhook subscription %s to %s is paused (%s); nobody to tell: set "
                                + "leadstream.nurture.webhooks.notify", s.id, s.url, s.pausedReason);
                        s.pauseNoticedAt = now();
                        return Uni.createFrom().voidItem();
                    }
                    Mail mail = Mail.withText(to.get(0), "Leadstream webhook paused: " + s.url, """
                            The webhook subscription %s to %s was paused on %s.

                            Why: %s

                            Nothing is sent to it until it is resumed; events are still queued for it. Fix the \
                            receiver, then resume the subscription (PUT /api/webhooks/%s with "active": true) and \
                            retry the failed deliveries (GET /api/webhooks/%s/deliveries?status=FAILED, then \
                            POST /api/webhooks/%s/deliveries/{deliveryId}/retry).
                            """.formatted(s.id, s.url, s.pausedAt, s.pausedReason, s.id, s.id, s.id));
                    to.stream().skip(1).forEach(mail::addTo);
                    return mailer.send(mail).invoke(() -> s.pauseNoticedAt = now())
                            .onFailure().recoverWithItem(failure -> {
                                Log.warnf("cannot tell the admins that webhook subscription %s is paused (%s); "
                                        + "the next pass tries again", s.id, failure.toString());
                                return null;
                            });
                })
                .collect().asList()).replaceWithVoid();
    }

    private Uni<Outcome> counted(Outcome outcome) {
        Counter.builder("leadstream.webhooks.deliveries").tag("outcome", outcome.name().toLowerCase())
                .description("webhook delivery attempts by outcome").register(registry).increment();
        return Uni.createFrom().item(outcome);
    }

    private static int count(List<Outcome> outcomes, Outcome outcome) {
        return (int) outcomes.stream().filter(o -> o == outcome).count();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000) + "…";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
