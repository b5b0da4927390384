package io.leadstream.scoring.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/** capture's events (topic leads.capture): every change of a lead re-scores it; consent does not count. */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "scoring.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, LeadEvents leads) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadCapturedEvent.class, leads::captured)
                .on(LeadUpdatedEvent.class, leads::updated)
                .on(LeadMergedEvent.class, leads::merged)
                .on(LeadErasedEvent.class, leads::erased)
                .on(LeadInquiredEvent.class, leads::inquired)
                .ignore("consent.changed", "consent does not count towards a score (nurture enforces it at send time)"));
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
