package io.leadstream.insights.facts;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/** capture's events (topic leads.capture) feed the lead facts; what insights does not use, and why. */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "insights.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, LeadFactsService facts) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadCapturedEvent.class, facts::captured)
                .on(LeadUpdatedEvent.class, facts::updated)
                .on(LeadMergedEvent.class, facts::merged)
                .on(LeadErasedEvent.class, facts::erased)
                .ignore("lead.inquired", "an inquiry becomes an activity in nurture (issue 10), whose events issue 11 "
                        + "counts as contact")
                .ignore("consent.changed", "consent is not a figure insights reports (issue 11 names none)"));
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
