package io.leadstream.nurture.webhooks;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * nurture's own events, read back from {@code leads.nurture} for webhook subscribers only: what nurture publishes it
 * has applied already, so its table ignores every type, and the tap ({@link Webhooks#fanOut}) passes each on as it is,
 * in the order the topic gives it. The other topics' events reach the tap through the lifecycle consumers.
 */
@ApplicationScoped
public class NurtureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.webhooks.nurture-events";
    private static final String OWN = "published by nurture itself, which applied it already: only passed on to "
            + "webhook subscribers";

    public NurtureEventsConsumer(EventDispatcher dispatcher, Webhooks webhooks) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .ignore("lead.stage-changed", OWN)
                .ignore("activity.logged", OWN)
                .ignore("message.sent", OWN)
                .ignore("follow-up.due", OWN)
                .ignore("follow-up.completed", OWN)
                .tap((event, envelope) -> webhooks.fanOut(event)));
    }

    @Incoming("nurture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
