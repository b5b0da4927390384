package io.leadstream.chassis.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.tracing.EventTraces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one way a service consumes events: reads the message's CloudEvents attributes, looks its type up in the
 * consumer's {@link EventHandlers}, and applies the handler at most once ({@link EventInbox}: the {@code ce_id} is
 * recorded in {@code processed_event} in the handler's transaction). Then:
 * <ul>
 * <li>a type the table ignores (or does not know) is acknowledged without touching the database, unless the table
 * has a tap ({@link EventHandlers.Builder#tap}), which then sees it in a transaction of its own;</li>
 * <li>a <b>transient</b> failure ({@link Failures}: database or broker unavailable, timeouts, serialization
 * conflicts) is retried with back-off for as long as it lasts. The message is not acknowledged meanwhile, so the
 * channel holds its partition: no later event of the lead is applied before this one;</li>
 * <li>a failure that looks <b>permanent</b> is retried {@code leadstream.events.permanent-retries} times, then the
 * message is nacked with the reason, which the channel's {@code failure-strategy=dead-letter-queue} writes to the
 * dead-letter topic; the partition flows on;</li>
 * <li>a <b>malformed</b> event (no {@code ce_id}, data that does not fit the record) is nacked at once.</li>
 * </ul>
 * Order: an event its publisher numbered for its lead ({@code ce_sequence}) is applied only after the lead's earlier
 * ones from that publisher ({@link EventInbox}: {@code inbox_lead}). One that comes behind them (a copy read again
 * after a rewind) is skipped; once an event of a lead is dead-lettered for a permanent failure, the lead's later events
 * are dead-lettered after it at once ({@link HeldEventException}), so that a replay of the dead-letter topic applies
 * them in their order.
 * Metrics: {@code leadstream.events.dead.lettered} (alert on any increase), {@code leadstream.events.retries} by
 * kind, and {@code leadstream.events.waiting} (1 while a consumer is holding its partition on a transient failure).
 *
 * <pre>
 * &#64;Incoming("capture-events")
 * public Uni&lt;Void&gt; onEvent(Message&lt;String&gt; message) {
 *     return dispatcher.dispatch(message, handlers);
 * }
 * </pre>
 */
@ApplicationScoped
public class EventDispatcher {

    private final EventInbox inbox;
    private final EventsConfig config;
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();

    private final EventTraces traces;

    public EventDispatcher(EventInbox inbox, EventsConfig config, MeterRegistry registry, EventTraces traces) {
        this.inbox = inbox;
        this.config = config;
        this.registry = registry;
        this.traces = traces;
    }

    /**
     * Applies {@code message} with {@code handlers}; completes once the message is acknowledged or nacked. A batch of
     * Kafka records (the channel's {@code batch=true}, the chassis' default) is applied as {@link #dispatchAll}.
     */
    public Uni<Void> dispatch(Message<?> message, EventHandlers handlers) {
        if (message instanceof KafkaRecordBatch<?, ?> batch) {
            return dispatchAll(List.copyOf(batch.getRecords()), handlers);
        }
        return dispatchOne(message, handlers);
    }

    /**
     * Applies {@code messages} (one poll's records, in their order) in transactions of up to
     * {@code leadstream.events.batch-size} events each instead of one per event: one commit, one session and one
     * connection for the lot. Each event is still marked in {@code processed_event} and its effects flushed before the
     * next one runs (the session is cleared in between, so no event reads another's cached state). When a batch's
     * transaction fails for any reason, nothing of it stays and its events are applied again one at a time as
     * {@link #dispatch} does for a single message: the transient failure is waited out, the permanent one retried and
     * dead-lettered alone, the malformed one nacked, and the others applied.
     */
    public Uni<Void> dispatchAll(List<? extends Message<?>> messages, EventHandlers handlers) {
        int size = Math.max(1, config.batchSize());
        // Hibernate Reactive needs the channel's Vert.x context: every step that may touch the database starts on it
        // again, since an acknowledgement (or a failure) may complete on another context
        Context context = Vertx.currentContext();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < messages.size(); from += size) {
            List<? extends Message<?>> chunk = messages.subList(from, Math.min(messages.size(), from + size));
            chain = chain.chain(() -> on(context, () -> applyChunk(chunk, handlers, context)));
        }
        return chain;
    }

    /** One transaction for the readable events of {@code chunk}, or, when it fails, each message on its own. */
    private Uni<Void> applyChunk(List<? extends Message<?>> chunk, EventHandlers handlers, Context context) {
        if (chunk.size() == 1) {
            return dispatchOne(chunk.get(0), handlers);
        }
        List<Prepared> prepared = new ArrayList<>(chunk.size());
        for (Message<?> message : chunk) {
            prepared.add(prepare(message, handlers));
        }
        List<Prepared> applicable = prepared.stream().filter(p -> p.effect != null).toList();
        Uni<Void> applied = applicable.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().deferred(() -> Panache.withTransaction(() -> applyInOrder(applicable, handlers.consumer())));
        return applied.onItemOrFailure().transformToUni((ignored, failure) -> on(context, () -> {
            if (failure != null) {
                count("leadstream.events.batch.fallbacks", handlers.consumer(), "kind", Failures.classify(failure).name());
                Log.infof("%s: a batch of %d events failed (%s); applying them one at a time", handlers.consumer(),
                        chunk.size(), Failures.describe(failure));
                return inOrder(chunk, message -> on(context, () -> dispatchOne(message, handlers)));
            }
            // acknowledged in their order; what could not be read or does not fit its record goes its usual way
            return inOrder(prepared, p -> p.settled ? ack(p.message) : on(context, () -> dispatchOne(p.message, handlers)));
        }));
    }

    /** {@code work} started on {@code context} (at once when already on it). */
    private static <T> Uni<T> on(Context context, Supplier<Uni<T>> work) {
        if (context == null || Vertx.currentContext() == context) {
            return Uni.createFrom().<T>deferred(work::get);
        }
        return Uni.createFrom().emitter(emitter -> context.runOnContext(
                ignored -> work.get().subscribe().with(emitter::complete, emitter::fail)));
    }

    private Uni<Void> applyInOrder(List<Prepared> applicable, String consumer) {
        return inOrder(applicable, p -> inbox.applyOnce(consumer, p.event, ignored -> Uni.createFrom().<Void>deferred(p.effect::get))
                .chain(() -> Panache.getSession())
                .chain(session -> session.flush().invoke(session::clear))
                .replaceWithVoid());
    }

    private static <T> Uni<Void> inOrder(List<? extends T> items, java.util.function.Function<T, Uni<Void>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item));
        }
        return chain;
    }

    /**
     * A message of a batch, read: {@code effect} is what the transaction applies (null when it needs none);
     * {@code settled} when a successful batch can simply acknowledge it (false: unreadable, left to
     * {@link #dispatchOne}).
     */
    private record Prepared(Message<?> message, InboundEvent event, Supplier<Uni<Void>> effect, boolean settled) {
    }

    private Prepared prepare(Message<?> message, EventHandlers handlers) {
        InboundEvent event;
        Object data;
        EventHandlers.Route route;
        try {
            event = inbox.read(message);
            route = handlers.route(event.type());
            data = route == null ? null : event.dataAs(route.type());
        } catch (RuntimeException e) {
            return new Prepared(message, null, null, false);
        }
        Supplier<Uni<Void>> effect = traced(handlers.consumer(), message, event, effect(route, data, event, handlers.tap()));
        return new Prepared(message, event, effect, true);
    }

    /** What applying an event does: its handler, then the tap; null when neither applies (ignored, no tap). */
    private static Supplier<Uni<Void>> effect(EventHandlers.Route route, Object data, InboundEvent event,
            EventHandlers.Handler<InboundEvent> tap) {
        if (route == null && tap == null) {
            return null;
        }
        Supplier<Uni<Void>> handle = route == null
                ? () -> Uni.createFrom().voidItem()
                : () -> route.handler().handle(data, event);
        return tap == null ? handle : () -> handle.get().chain(() -> tap.handle(event, event));
    }

    /** {@code effect} in a span continuing the trace the message carries ({@link EventTraces#applying}). */
    private Supplier<Uni<Void>> traced(String consumer, Message<?> message, InboundEvent event,
            Supplier<Uni<Void>> effect) {
        String traceparent = effect == null ? null : EventTraces.traceparent(message);
        return traceparent == null ? effect : () -> traces.applying(consumer, event.type(), traceparent, effect);
    }

    /** Applies one message: see the class comment. */
    private Uni<Void> dispatchOne(Message<?> message, EventHandlers handlers) {
        String consumer = handlers.consumer();
        InboundEvent event;
        try {
            event = inbox.read(message);
        } catch (RuntimeException e) {
            return deadLetter(message, consumer, "unreadable", e, "unreadable event: " + e.getMessage());
        }
        EventHandlers.Route route = handlers.route(event.type());
        EventHandlers.Handler<InboundEvent> tap = handlers.tap();
        if (route == null) {
            Log.debugf("%s: %s %s %s", consumer, handlers.ignores(event.type()) ? "ignores" : "does not know",
                    event.type(), event.id());
            if (tap == null) {
                return ack(message);
            }
        }
        Object data;
        try {
            data = route == null ? null : event.dataAs(route.type());
        } catch (RuntimeException e) {
            return deadLetter(message, consumer, event.type(), e, e.getMessage());
        }
        Attempts attempts = new Attempts(consumer, event, Vertx.currentContext());
        return attempt(attempts, traced(consumer, message, event, effect(route, data, event, tap)))
                .onItemOrFailure().transformToUni((applied, failure) -> {
                    if (failure == null) {
                        attempts.done();
                        if (!applied) {
                            Log.debugf("%s: event %s already processed, skipped", consumer, event.id());
                        }
                        return ack(message);
                    }
                    String reason = attempts.permanent > 0
                            ? "failed " + (attempts.permanent) + " times, last: " + Failures.describe(failure)
                            : Failures.describe(failure);
                    if (Failures.classify(failure) != Failures.Kind.PERMANENT) {
                        return deadLetter(message, consumer, event.type(), failure, reason);
                    }
                    // the lead's later events wait behind this one (dead-lettered after it) until a replay applies it
                    return on(attempts.context, () -> inbox.hold(consumer, event))
                            .onFailure().invoke(e -> Log.warnf("%s: could not hold lead %s behind event %s (%s): its "
                                    + "later events will be applied before it is replayed", consumer, event.subject(),
                                    event.id(), Failures.describe(e)))
                            .onFailure().recoverWithNull()
                            .chain(() -> deadLetter(message, consumer, event.type(), failure, reason));
                });
    }

    /** One try in its own transaction; on failure, per its kind, another try after a pause, or the failure. */
    private Uni<Boolean> attempt(Attempts attempts, Supplier<Uni<Void>> effect) {
        return Uni.createFrom()
                .deferred(() -> Panache.withTransaction(() -> inbox.applyOnce(attempts.consumer, attempts.event,
                        ignored -> Uni.createFrom().<Void>deferred(effect::get))))
                .onFailure().recoverWithUni(failure -> {
                    Failures.Kind kind = Failures.classify(failure);
                    if (kind == Failures.Kind.MALFORMED || kind == Failures.Kind.HELD) {
                        return Uni.createFrom().failure(failure);
                    }
                    if (kind == Failures.Kind.TRANSIENT) {
                        attempts.transientFailure(failure);
                        return pause(attempts.context, backoff(attempts.transientCount, config.transientMaxBackoff()))
                                .chain(() -> attempt(attempts, effect));
                    }
                    attempts.permanent++;
                    count("leadstream.events.retries", attempts.consumer, "kind", "permanent");
                    if (attempts.permanent > config.permanentRetries()) {
                        return Uni.createFrom().failure(failure);
                    }
                    Log.debugf(failure, "%s: event %s (%s) failed (attempt %d), retrying", attempts.consumer,
                            attempts.event.id(), attempts.event.type(), attempts.permanent);
                    return pause(attempts.context, backoff(attempts.permanent, config.permanentMaxBackoff()))
                            .chain(() -> attempt(attempts, effect));
                });
    }

    /** The state of one event's tries. */
    private final class Attempts {
        final String consumer;
        final InboundEvent event;
        final Context context;
        int permanent;
        int transientCount;
        long firstTransientNanos;
        long lastLoggedNanos;

        Attempts(String consumer, InboundEvent event, Context context) {
            this.consumer = consumer;
            this.event = event;
            this.context = context;
        }

        void transientFailure(Throwable failure) {
            long now = System.nanoTime();
            transientCount++;
            count("leadstream.events.retries", consumer, "kind", "transient");
            if (transientCount == 1) {
                firstTransientNanos = now;
                lastLoggedNanos = now;
                waiting(consumer).incrementAndGet();
                Log.warnf("%s: event %s (%s) cannot be applied yet, holding the partition and retrying for as long as "
                        + "this lasts: %s", consumer, event.id(), event.type(), Failures.describe(failure));
            } else if (now - lastLoggedNanos >= config.transientLogInterval().toNanos()) {
                lastLoggedNanos = now;
                Log.warnf("%s: still waiting to apply event %s (%s) after %d attempts in %d s: %s", consumer, event.id(),
                        event.type(), transientCount, Duration.ofNanos(now - firstTransientNanos).toSeconds(),
                        Failures.describe(failure));
            }
        }

        void done() {
            if (transientCount > 0) {
                waiting(consumer).decrementAndGet();
                Log.infof("%s: event %s (%s) applied after waiting %d ms (%d attempts)", consumer, event.id(),
                        event.type(), Duration.ofNanos(System.nanoTime() - firstTransientNanos).toMillis(),
                        transientCount + 1);
            }
        }
    }

    private Uni<Void> ack(Message<?> message) {
        return Uni.createFrom().completionStage(message.ack());
    }

    private Uni<Void> deadLetter(Message<?> message, String consumer, String type, Throwable failure, String reason) {
        count("leadstream.events.dead.lettered", consumer, "type", type == null ? "unknown" : type);
        Log.errorf(failure, "%s: event of type %s sent to the dead-letter topic: %s", consumer, type, reason);
        Throwable nack = failure instanceof MalformedEventException ? failure : new DeadLetterException(reason, failure);
        return Uni.createFrom().completionStage(message.nack(nack));
    }

    private AtomicInteger waiting(String consumer) {
        return waiting.computeIfAbsent(consumer, name -> registry.gauge("leadstream.events.waiting",
                Tags.of("consumer", name), new AtomicInteger()));
    }

    private void count(String name, String consumer, String tag, String value) {
        Counter.builder(name).tags("consumer", consumer, tag, value).register(registry).increment();
    }

    /** initial × 2^(n-1), at most {@code max}. */
    Duration backoff(int attempt, Duration max) {
        long initial = Math.max(1, config.initialBackoff().toMillis());
        long millis = initial << Math.min(Math.max(0, attempt - 1), 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Resumes on {@code context} (Hibernate Reactive needs its Vert.x context) after {@code delay}. */
    static Uni<Void> pause(Context context, Duration delay) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(Math.max(1, delay.toMillis()),
                id -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    /** The reason a message was nacked: the connector writes it to the dead-letter topic's headers. */
    public static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
