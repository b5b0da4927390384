package io.leadstream.distribution.assignments;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * scoring's events (topic leads.scoring): every scored lead is assigned. scoring publishes nothing else yet; a type
 * it adds later is acknowledged and skipped until this table names it.
 */
@ApplicationScoped
public class ScoringEventsConsumer extends EventConsumer {

    static final String CONSUMER = "distribution.scoring-events";

    public ScoringEventsConsumer(EventDispatcher dispatcher, AssignmentService assignments) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadScoredEvent.class, assignments::assignScored));
    }

    @Incoming("scoring-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
