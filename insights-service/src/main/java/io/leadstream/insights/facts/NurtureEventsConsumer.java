package io.leadstream.insights.facts;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * nurture's events (topic leads.nurture) feed the lead facts: every stage a lead entered (the funnel, time in stage,
 * contacted, won and lost) and the first time a rep reached out (an activity or a rep's own message).
 */
@ApplicationScoped
public class NurtureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "insights.nurture-events";

    public NurtureEventsConsumer(EventDispatcher dispatcher, LeadFactsService facts) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadStageChangedEvent.class, facts::stageChanged)
                .on(ActivityLoggedEvent.class, facts::activityLogged)
                .on(MessageSentEvent.class, facts::messageSent)
                .ignore("follow-up.due", "a rep's reminder is not a figure insights reports")
                .ignore("follow-up.completed", "follow-ups are the rep's own planning; contact is counted from "
                        + "activities and stages"));
    }

    @Incoming("nurture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
