package io.leadstream.scoring.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * distribution's events (topic leads.distribution): who a lead is assigned to, claimed by from a pull queue, or was
 * reassigned to, decides which rep may read its score.
 */
@ApplicationScoped
public class DistributionEventsConsumer extends EventConsumer {

    static final String CONSUMER = "scoring.distribution-events";

    public DistributionEventsConsumer(EventDispatcher dispatcher, LeadEvents leads) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, leads::assigned)
                .on(LeadClaimedEvent.class, leads::claimed)
                .on(LeadReassignedEvent.class, leads::reassigned)
                .ignore("lead.queued", "a queued lead has no owner yet, so no rep may read its score; the score and "
                        + "grade it carries are scoring's own, from lead.scored")
                .ignore("lead.shared", "no rep gains a shared lead, so no rep may newly read its score; the "
                        + "partner sees only what distribution shows it")
                .ignore("lead.recalled", "the assignment that follows a recall (lead.assigned) is what gives the next "
                        + "rep its score"));
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
