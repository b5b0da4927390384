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
 * reassigned to, decides which rep may read its score; a lead shared with a partner company no longer has one.
 */
@ApplicationScoped
public class DistributionEventsConsumer extends EventConsumer {

    static final String CONSUMER = "scoring.distribution-events";

    public DistributionEventsConsumer(EventDispatcher dispatcher, LeadEvents leads) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, leads::assigned)
                .on(LeadClaimedEvent.class, leads::claimed)
                .on(LeadReassignedEvent.class, leads::reassigned)
                .on(LeadSharedEvent.class, leads::shared)
                .ignore("lead.queued", "a queued lead has no owner yet, so no rep may read its score; the score and "
                        + "grade it carries are scoring's own, from lead.scored")
                .ignore("sla.breached", "a missed SLA says nothing about the lead's fit or engagement; a "
                        + "reassignment it ends in arrives as lead.reassigned")
                .ignore("lead.recalled", "the assignment that follows a recall (lead.assigned) is what gives the next "
                        + "rep its score"));
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
