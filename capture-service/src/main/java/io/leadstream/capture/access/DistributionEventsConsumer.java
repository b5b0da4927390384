package io.leadstream.capture.access;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * distribution's events (topic leads.distribution): lead.assigned, lead.claimed (a rep took the lead from a pull queue:
 * its first assignment) and lead.reassigned keep lead ownership ({@link LeadOwnership}), lead.shared ends it (a partner
 * company works the lead); lead.queued, sla.breached and lead.recalled are ignored. A type distribution adds is acknowledged and skipped until it is handled or ignored here
 * (RepVisibilityTest says which).
 */
@ApplicationScoped
public class DistributionEventsConsumer extends EventConsumer {

    static final String CONSUMER = "capture.distribution-events";

    public DistributionEventsConsumer(EventDispatcher dispatcher, LeadOwnership ownership) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, ownership::assigned)
                .on(LeadClaimedEvent.class, ownership::claimed)
                .on(LeadReassignedEvent.class, ownership::reassigned)
                .on(LeadSharedEvent.class, ownership::shared)
                .ignore("lead.queued", "a queued lead has no owner yet, so no rep may see it until one claims it "
                        + "(lead.claimed); managers see every lead anyway")
                .ignore("sla.breached", "a breach changes who may see the lead only when it ends in reassignment, "
                        + "which lead.reassigned (trigger SLA) announces")
                .ignore("lead.recalled", "a recall is followed by where the lead goes next (lead.assigned, "
                        + "lead.queued or lead.shared), which is what ownership follows"));
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
