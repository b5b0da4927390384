package io.leadstream.nurture.lifecycle;

import static io.leadstream.nurture.lifecycle.FollowMerges.onSurvivor;
import static io.leadstream.nurture.lifecycle.FollowMerges.timelineOnSurvivor;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.nurture.followups.FollowUpService;
import io.leadstream.nurture.history.LeadHistory;
import io.leadstream.nurture.history.Learned;
import io.leadstream.nurture.merges.MergedLeads;
import io.leadstream.nurture.notifications.Notices;
import io.leadstream.nurture.notifications.Notifications;
import io.leadstream.nurture.stages.LeadAssignedEvent;
import io.leadstream.nurture.stages.LeadClaimedEvent;
import io.leadstream.nurture.stages.LeadQueuedEvent;
import io.leadstream.nurture.stages.LeadReassignedEvent;
import io.leadstream.nurture.stages.LeadRecalledEvent;
import io.leadstream.nurture.stages.LeadSharedEvent;
import io.leadstream.nurture.stages.SlaBreachedEvent;
import io.leadstream.nurture.stages.StageService;
import io.leadstream.nurture.webhooks.Webhooks;
import io.smallrye.mutiny.Uni;

/**
 * distribution's events (topic leads.distribution), the one consumer of them, handing each to every feature it
 * concerns: an assigned lead, or one a rep claimed from a pull queue (its first assignment), enters the pipeline, or
 * changes owner; a reassigned lead changes owner and keeps its stage; a lead shared with a partner company has no owner
 * from then on (the rep who had it no longer sees it) ({@link StageService}). Every one of them, and a queued lead, a
 * recalled share and an SLA breach, is also an entry of the lead's timeline ({@link LeadHistory}). A reassignment
 * hands the previous rep's open follow-ups on the lead to the new one ({@link FollowUpService}). An assignment, a
 * reassignment and an SLA breach are notices to the reps and managers concerned ({@link Notifications}, who by
 * {@link Notices}; a claim is the rep's own act and tells nobody). All in the same transaction. It sits in
 * {@code lifecycle}, above the features it hands each event to (as {@link CaptureEventsConsumer} does for capture's
 * events), so that no feature has to import another to be told. An event about a lead merged away before it was
 * consumed ({@link MergedLeads}) is only an entry of the survivor's timeline: distribution closed the merged lead's
 * assignment on the merge and tells about the survivor's own.
 */
@ApplicationScoped
public class DistributionEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.distribution-events";

    /** Why distribution's events about a merged-away lead change nothing but the survivor's timeline. */
    static final String MERGED_AWAY = "distribution closed the merged lead's assignment on the merge and announces the "
            + "survivor's own (lead.assigned, strategy OWNER): the merged lead's owner, stage and notices are not the "
            + "survivor's";

    public DistributionEventsConsumer(EventDispatcher dispatcher, StageService stages, LeadHistory history,
            Notifications notifications, FollowUpService followUps, MergedLeads merges, Webhooks webhooks) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, e -> timelineOnSurvivor(merges, e.leadId(), "lead.assigned", MERGED_AWAY,
                        lead -> history.learn(Learned.assigned(
                                lead, e.repId(), e.strategy(), e.reason(), e.score(), e.grade(), e.assignedAt())),
                        () -> stages.assigned(e).chain(() -> notifications.record(Notices.of(e)))))
                // a claim is the rep's own act: Notices.of(claimed) tells nobody
                .on(LeadClaimedEvent.class, e -> timelineOnSurvivor(merges, e.leadId(), "lead.claimed", MERGED_AWAY,
                        lead -> history.learn(Learned.claimed(
                                lead, e.repId(), e.queue(), e.score(), e.grade(), e.claimedAt())),
                        () -> stages.claimed(e).chain(() -> notifications.record(Notices.of(e)))))
                .on(LeadReassignedEvent.class, e -> timelineOnSurvivor(merges, e.leadId(), "lead.reassigned",
                        MERGED_AWAY, lead -> history.learn(Learned.reassigned(lead, e.repId(), e.previousRepId(),
                                e.strategy(), e.trigger(), e.reason(), e.reassignedAt())),
                        () -> stages.reassigned(e).chain(() -> notifications.record(Notices.of(e)))
                                .chain(() -> followUps.reassigned(e.leadId(), e.previousRepId(), e.repId()))))
                .on(LeadSharedEvent.class, e -> timelineOnSurvivor(merges, e.leadId(), "lead.shared", MERGED_AWAY,
                        lead -> history.learn(Learned.shared(lead, e.partnerId(), e.sharedAt())),
                        () -> stages.shared(e)))
                // a queued lead is not in the pipeline until a rep claims it (lead.claimed); its timeline shows the wait
                .on(LeadQueuedEvent.class, e -> onSurvivor(merges, e.leadId(), "lead.queued",
                        lead -> history.learn(Learned.queued(
                                lead, e.queue(), e.reason(), e.score(), e.grade(), e.queuedAt()))))
                // where a recalled lead goes next is its own event (lead.assigned, lead.queued or lead.shared)
                .on(LeadRecalledEvent.class, e -> onSurvivor(merges, e.leadId(), "lead.recalled",
                        lead -> history.learn(Learned.recalled(lead, e.partnerId(), e.reason(), e.recalledAt()))))
                // the rep (REMIND), the rep and their manager (ESCALATE), the rep who loses the lead (REASSIGN) are
                // told; the reassignment itself arrives as lead.reassigned, which tells the new rep
                .on(SlaBreachedEvent.class, e -> timelineOnSurvivor(merges, e.leadId(), "sla.breached", MERGED_AWAY,
                        lead -> history.learn(Learned.slaBreached(
                                lead, e.repId(), e.kind(), e.step(), e.reassignedTo(), e.breachedAt())),
                        () -> notifications.record(Notices.of(e))))
                // every event of the topic, as it is, to the webhook subscribers that want it
                .tap((event, envelope) -> webhooks.fanOut(event)));
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
