package io.leadstream.nurture.activities;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.nurture.followups.FollowUpService;
import io.smallrye.mutiny.Uni;

/**
 * capture's events (topic leads.capture): an inquiry becomes an activity; an erasure deletes the lead's activities and
 * follow-ups and the notes on its stage moves; a manual merge moves its activities and follow-ups to the survivor, in
 * the consumer's transaction; what nurture does not use yet, and why.
 */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, ActivityService activities,
            io.leadstream.nurture.stages.StageService stages, FollowUpService followUps) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadInquiredEvent.class, activities::inquired)
                .on(LeadErasedEvent.class, e -> activities.erased(e).chain(() -> stages.erased(e.leadId()))
                        .chain(() -> followUps.erased(e.leadId())))
                .on(LeadMergedEvent.class, e -> activities.merged(e).chain(() -> merged(e, followUps)))
                .ignore("lead.captured", "a lead enters nurture's pipeline when distribution assigns it "
                        + "(lead.assigned); nurture keeps none of the person's data and reads it from capture at send "
                        + "time")
                .ignore("lead.updated", "nurture keeps none of the lead's attributes: templates read them from capture "
                        + "at send time (issue 10's messaging step)")
                .ignore("consent.changed", "not yet: sending checks consent in issue 10's messaging step"));
    }

    /** A MANUAL merge moves the merged lead's follow-ups to the survivor; a SUBMISSION merge moves none. */
    private static Uni<Void> merged(LeadMergedEvent e, FollowUpService followUps) {
        return "MANUAL".equals(e.kind()) && e.mergedLeadId() != null
                ? followUps.merged(e.mergedLeadId(), e.leadId())
                : Uni.createFrom().voidItem();
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
