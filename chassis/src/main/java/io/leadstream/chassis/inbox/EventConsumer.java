package io.leadstream.chassis.inbox;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * What every Kafka consumer bean is: a table of event type → handler ({@link EventHandlers}) that the chassis'
 * {@link EventDispatcher} applies. A service's consumer names its table and its channel, nothing else:
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class CaptureEventsConsumer extends EventConsumer {
 *
 *     public CaptureEventsConsumer(EventDispatcher dispatcher, ScoringService scoring) {
 *         super(dispatcher, EventHandlers.consumer("scoring.capture-events")
 *                 .on(LeadCapturedEvent.class, scoring::scoreCaptured)
 *                 .ignore("lead.updated", "why"));
 *     }
 *
 *     &#64;Incoming("capture-events")
 *     public Uni&lt;Void&gt; onEvent(Message&lt;String&gt; message) {
 *         return dispatch(message);
 *     }
 * }
 * </pre>
 */
public abstract class EventConsumer {

    private final EventDispatcher dispatcher;
    private final EventHandlers handlers;

    protected EventConsumer(EventDispatcher dispatcher, EventHandlers.Builder handlers) {
        this.dispatcher = dispatcher;
        this.handlers = handlers.build();
    }

    /** For CDI's client proxies only. */
    protected EventConsumer() {
        this.dispatcher = null;
        this.handlers = null;
    }

    /** The table: what this consumer does with each event type (tests check it against the producer's events). */
    public EventHandlers handlers() {
        return handlers;
    }

    /** Applies {@code message} through the table; the {@code @Incoming} method returns this. */
    protected Uni<Void> dispatch(Message<?> message) {
        return dispatcher.dispatch(message, handlers);
    }
}
