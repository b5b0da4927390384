package io.leadstream.nurture.activities;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/**
 * capture's events (topic leads.capture): an inquiry becomes an activity, an erasure deletes the lead's activities, a
 * manual merge moves them to the survivor; what nurture does not use yet, and why.
 */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, ActivityService activities,
            io.leadstream.nurture.stages.StageService stages) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadInquiredEvent.class, activities::inquired)
                .on(LeadErasedEvent.class, e -> activities.erased(e).chain(() -> stages.erased(e.leadId())))
                .on(LeadMergedEvent.class, activities::merged)
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
