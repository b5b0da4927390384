package io.leadstream.nurture.stages;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * distribution's events (topic leads.distribution): an assigned lead, or one a rep claimed from a pull queue (its first
 * assignment), enters the pipeline, or changes owner; a reassigned lead changes owner and keeps its stage; a lead
 * shared with a partner company has no owner from then on (the rep who had it no longer sees it); a queued lead is
 * ignored. A type distribution adds later (sla.breached: issue 10 turns it, and reassignments, into
 * notifications) is acknowledged and skipped until this table names it.
 */
@ApplicationScoped
public class DistributionEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.distribution-events";

    public DistributionEventsConsumer(EventDispatcher dispatcher, StageService stages) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, stages::assigned)
                .on(LeadClaimedEvent.class, stages::claimed)
                .on(LeadReassignedEvent.class, stages::reassigned)
                .on(LeadSharedEvent.class, stages::shared)
                .ignore("lead.queued", "a queued lead is not worked by anyone yet, so it is not in the pipeline: it "
                        + "enters at OPEN when a rep claims it (lead.claimed)")
                .ignore("sla.breached", "not yet: the reminder to the rep and the escalation mail to the manager "
                        + "are nurture's notifications (issue 10); a reassignment arrives as lead.reassigned")
                .ignore("lead.recalled", "a recall is followed by the lead's next assignment (lead.assigned, "
                        + "lead.queued or lead.shared), which is what the pipeline follows"));
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
