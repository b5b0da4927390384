package io.leadstream.chassis.inbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.leadstream.chassis.events.EventTypes;
import io.smallrye.mutiny.Uni;

/**
 * A consumer's table from event type to handler, dispatched by {@link EventDispatcher}. Every type the consumer's
 * topics carry is either handled here or listed as ignored with the reason (a type nobody declared is acknowledged
 * and skipped, so a producer may add types before its consumers know them):
 *
 * <pre>
 * EventHandlers.consumer("scoring.capture-events")
 *         .on(LeadCapturedEvent.class, scoring::scoreCaptured)
 *         .ignore("lead.updated", "re-scoring on changes comes with the scoring issue")
 *         .build();
 * </pre>
 *
 * The handler runs in the transaction that also records the event's {@code ce_id} in {@code processed_event}, so
 * it is applied at most once per consumer; its record type is read tolerantly (unknown fields are ignored).
 * <p>
 * A consumer that passes every event of its topic on as it is (nurture's outbound webhooks) adds a {@link #tap}: it
 * sees each event, handled, ignored or unknown, once, in the same transaction and after the handler, with the
 * handler's retries. An ignored event then costs a transaction too.
 */
public final class EventHandlers {

    /** Handles one event read as {@code T}; {@code envelope} carries its CloudEvents attributes. */
    @FunctionalInterface
    public interface Handler<T> {
        Uni<Void> handle(T event, InboundEvent envelope);
    }

    /** One row of the table: the record type an event is read as, and what to do with it. */
    record Route(Class<?> type, Handler<Object> handler) {
    }

    private final String consumer;
    private final Map<String, Route> routes;
    private final Map<String, String> ignored;
    private final Handler<InboundEvent> tap;

    private EventHandlers(String consumer, Map<String, Route> routes, Map<String, String> ignored,
            Handler<InboundEvent> tap) {
        this.consumer = consumer;
        this.routes = Collections.unmodifiableMap(routes);
        this.ignored = Collections.unmodifiableMap(ignored);
        this.tap = tap;
    }

    /** Starts the table of the consumer named {@code consumer} (its name in {@code processed_event}). */
    public static Builder consumer(String consumer) {
        if (consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("a consumer needs a name");
        }
        return new Builder(consumer);
    }

    public String consumer() {
        return consumer;
    }

    /** The record type each handled CloudEvents type ({@code leadstream.lead.captured.v1}) is read as. */
    public Map<String, Class<?>> handled() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        routes.forEach((type, route) -> types.put(type, route.type()));
        return types;
    }

    /** The CloudEvents types ignored on purpose, with the reason. */
    public Map<String, String> ignored() {
        return ignored;
    }

    /**
     * Applies {@code event} through this table <b>without</b> recording its {@code ce_id}: for a replay into fresh read
     * models (the chassis' {@code replay.TopicReplay}), whose handlers must give the same result however often an event
     * is applied. In the caller's transaction; true when a handler took it, false for a type ignored or unknown here.
     * Fails with {@link MalformedEventException} when its data does not fit the record.
     */
    public Uni<Boolean> apply(InboundEvent event) {
        Route route = routes.get(event.type());
        if (route == null) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        Object data;
        try {
            data = event.dataAs(route.type());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> route.handler().handle(data, event)).replaceWith(Boolean.TRUE);
    }

    Route route(String ceType) {
        return routes.get(ceType);
    }

    /** What sees every event besides its handler, or null. */
    Handler<InboundEvent> tap() {
        return tap;
    }

    boolean ignores(String ceType) {
        return ignored.containsKey(ceType);
    }

    public static final class Builder {
        private final String consumer;
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private final Map<String, String> ignored = new LinkedHashMap<>();
        private Handler<InboundEvent> tap;

        private Builder(String consumer) {
            this.consumer = consumer;
        }

        /** Events of {@code type}'s {@code @EventType} are read as {@code type} and handed to {@code handler}. */
        public <T> Builder on(Class<T> type, Function<? super T, Uni<Void>> handler) {
            Objects.requireNonNull(handler, "handler");
            return on(type, (event, envelope) -> handler.apply(event));
        }

        /** As {@link #on(Class, Function)}, for a handler that also reads the event's attributes (time, subject). */
        @SuppressWarnings("unchecked")
        public <T> Builder on(Class<T> type, Handler<? super T> handler) {
            Objects.requireNonNull(handler, "handler");
            String ceType = EventTypes.of(type).ceType();
            claim(ceType);
            routes.put(ceType, new Route(type, (Handler<Object>) handler));
            return this;
        }

        /** Version 1 of event {@code name} ({@code lead.updated}) is not used here, on purpose: say why. */
        public Builder ignore(String name, String why) {
            return ignore(name, 1, why);
        }

        public Builder ignore(String name, int version, String why) {
            if (why == null || why.isBlank()) {
                throw new IllegalArgumentException("say why " + name + " is ignored");
            }
            String ceType = new EventTypes.Name(name, version).ceType();
            claim(ceType);
            ignored.put(ceType, why);
            return this;
        }

        /**
         * Every event the consumer reads, whatever its type, is also handed to {@code tap} as it is (its attributes
         * and raw data), in the handler's transaction after the handler; one tap per consumer. Not applied by
         * {@link EventHandlers#apply} (a replay into read models).
         */
        public Builder tap(Handler<InboundEvent> tap) {
            Objects.requireNonNull(tap, "tap");
            if (this.tap != null) {
                throw new IllegalArgumentException(consumer + ": one tap per consumer");
            }
            this.tap = tap;
            return this;
        }

        private void claim(String ceType) {
            if (routes.containsKey(ceType) || ignored.containsKey(ceType)) {
                throw new IllegalArgumentException(consumer + ": " + ceType + " is in the table twice");
            }
        }

        public EventHandlers build() {
            return new EventHandlers(consumer, new LinkedHashMap<>(routes), new LinkedHashMap<>(ignored), tap);
        }
    }
}
