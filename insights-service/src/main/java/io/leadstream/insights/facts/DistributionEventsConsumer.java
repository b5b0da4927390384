package io.leadstream.insights.facts;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * distribution's events (topic leads.distribution) feed the lead facts: lead.assigned and lead.claimed (a rep took the
 * lead from a pull queue: its first assignment) the first assignment and the owner, lead.reassigned the owner only,
 * lead.queued and lead.shared the first time a lead waited in a queue and was offered to a partner, sla.breached the
 * first time a rep missed the lead's first-touch or next-touch target.
 */
@ApplicationScoped
public class DistributionEventsConsumer extends EventConsumer {

    static final String CONSUMER = "insights.distribution-events";

    public DistributionEventsConsumer(EventDispatcher dispatcher, LeadFactsService facts) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, facts::assigned)
                .on(LeadClaimedEvent.class, facts::claimed)
                .on(LeadReassignedEvent.class, facts::reassigned)
                .on(LeadQueuedEvent.class, facts::queued)
                .on(SlaBreachedEvent.class, facts::slaBreached)
                .on(LeadSharedEvent.class, facts::shared)
                .ignore("lead.recalled", "a recall is counted by what follows it (lead.assigned, lead.queued or "
                        + "lead.shared); the first share stays counted"));
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
