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
 * lead from a pull queue: its first assignment) the first assignment and the owner, lead.reassigned the owner only;
 * lead.queued is not read yet.
 */
@ApplicationScoped
public class DistributionEventsConsumer extends EventConsumer {

    static final String CONSUMER = "insights.distribution-events";

    public DistributionEventsConsumer(EventDispatcher dispatcher, LeadFactsService facts) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, facts::assigned)
                .on(LeadClaimedEvent.class, facts::claimed)
                .on(LeadReassignedEvent.class, facts::reassigned)
                .ignore("lead.queued", "not yet: the count of leads waiting in pull queues comes with the read "
                        + "models of issue 11; a queued lead counts as assigned once it is claimed (lead.claimed)")
                .ignore("sla.breached", "not yet: the SLA hit rate per rep (GET /api/insights/reps) comes with the "
                        + "read models of issue 11")
                .ignore("lead.shared", "not yet: leads shared with partners and their acceptance rate come with the "
                        + "read models of issue 11; a shared lead counts as assigned once a rep gets it (lead.assigned)")
                .ignore("lead.recalled", "not yet, as lead.shared; the assignment that follows a recall is counted "
                        + "from its lead.assigned"));
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
