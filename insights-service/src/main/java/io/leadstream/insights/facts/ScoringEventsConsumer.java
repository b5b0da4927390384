package io.leadstream.insights.facts;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/** scoring's events (topic leads.scoring) feed the lead facts; scoring publishes nothing else yet. */
@ApplicationScoped
public class ScoringEventsConsumer extends EventConsumer {

    static final String CONSUMER = "insights.scoring-events";

    public ScoringEventsConsumer(EventDispatcher dispatcher, LeadFactsService facts) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadScoredEvent.class, facts::scored));
    }

    @Incoming("scoring-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
