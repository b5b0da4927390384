package io.leadstream.nurture.activities;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.nurture.history.LeadHistory;
import io.leadstream.nurture.stages.StageService;
import io.smallrye.mutiny.Uni;

/**
 * capture's events (topic leads.capture): an inquiry becomes an activity, an erasure deletes the lead's activities (and
 * the notes of its stage moves), a manual merge folds the merged lead's timeline into the survivor (activities, stage
 * history and stage, what nurture learned from other services); what nurture does not use yet, and why.
 */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, ActivityService activities,
            StageService stages, LeadHistory history) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadInquiredEvent.class, activities::inquired)
                .on(LeadErasedEvent.class, e -> activities.erased(e).chain(() -> stages.erased(e.leadId())))
                .on(LeadMergedEvent.class, e -> activities.merged(e).chain(() -> "MANUAL".equals(e.kind())
                        ? stages.merged(e.leadId(), e.mergedLeadId()).chain(() -> history.merged(e.leadId(),
                                e.mergedLeadId()))
                        : Uni.createFrom().voidItem()))
                .ignore("lead.captured", "a lead enters nurture's pipeline when distribution assigns it "
                        + "(lead.assigned); nurture keeps none of the person's data and reads it from capture at send "
                        + "time")
                .ignore("lead.updated", "nurture keeps none of the lead's attributes: templates read them from capture "
                        + "at send time (issue 10's messaging step)")
                .ignore("consent.changed", "not yet: sending checks consent in issue 10's messaging step"));
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
