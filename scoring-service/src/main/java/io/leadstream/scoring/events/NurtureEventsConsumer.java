package io.leadstream.scoring.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * nurture's events (topic leads.nurture): stage progress and logged activities (replies above all) are engagement, and
 * won/lost outcomes train the model.
 */
@ApplicationScoped
public class NurtureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "scoring.nurture-events";

    public NurtureEventsConsumer(EventDispatcher dispatcher, LeadEvents leads) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadStageChangedEvent.class, leads::stageChanged)
                .on(ActivityLoggedEvent.class, leads::activityLogged)
                .ignore("message.sent", "a message we sent is our outreach, not the lead's engagement; the lead's "
                        + "reply to it arrives as activity.logged with replyToMessageId and counts as MESSAGE_REPLIED")
                .ignore("follow-up.due", "a rep's reminder, not the lead's engagement")
                .ignore("follow-up.completed", "our follow-up, not the lead's engagement; what came of it (a call, a "
                        + "reply) arrives as activity.logged"));
    }

    @Incoming("nurture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
