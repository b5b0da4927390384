package io.leadstream.distribution.assignments;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * scoring's events (topic leads.scoring): every scored lead is assigned. scoring publishes nothing else yet; a type
 * it adds later is acknowledged and skipped until this table names it.
 */
@ApplicationScoped
public class ScoringEventsConsumer {

    static final String CONSUMER = "distribution.scoring-events";

    private final EventDispatcher dispatcher;
    private final EventHandlers handlers;

    public ScoringEventsConsumer(EventDispatcher dispatcher, AssignmentService assignments) {
        this.dispatcher = dispatcher;
        this.handlers = EventHandlers.consumer(CONSUMER)
                .on(LeadScoredEvent.class, assignments::assignScored)
                .build();
    }

    /** The table of what this consumer does with each event type (checked against scoring's events in tests). */
    public EventHandlers handlers() {
        return handlers;
    }

    @Incoming("scoring-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatcher.dispatch(message, handlers);
    }
}
