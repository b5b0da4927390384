package io.leadstream.nurture.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.nurture.activities.ActivityService;
import io.leadstream.nurture.activities.LeadErasedEvent;
import io.leadstream.nurture.activities.LeadInquiredEvent;
import io.leadstream.nurture.activities.LeadMergedEvent;
import io.leadstream.nurture.consent.ConsentBook;
import io.leadstream.nurture.consent.ConsentChangedEvent;
import io.leadstream.nurture.followups.FollowUpService;
import io.leadstream.nurture.history.LeadHistory;
import io.leadstream.nurture.messages.MessageService;
import io.leadstream.nurture.sequences.SequenceTriggers;
import io.leadstream.nurture.stages.StageService;
import io.smallrye.mutiny.Uni;

/**
 * capture's events (topic leads.capture), the one consumer of them, handing each to every feature it concerns (so it
 * sits above the features, which never import it): an inquiry becomes an activity (an inbound WhatsApp message stops
 * the lead's drip sequences, as a reply); a consent change is kept to be checked at every send, and a withdrawal stops
 * the sequences it concerns; an erasure deletes what nurture holds about the person (activities, stage-move notes,
 * follow-ups, consent, what messages said) and stops every sequence; a manual merge folds the merged lead's timeline
 * into the survivor (activities, stage history and stage, what nurture learned from other services, consent,
 * messages, follow-ups, sequence enrolments); what nurture does not use, and why.
 */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, ActivityService activities,
            StageService stages, LeadHistory history, ConsentBook consents, MessageService messages,
            FollowUpService followUps, SequenceTriggers sequences) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadInquiredEvent.class, activities::inquired)
                .on(LeadErasedEvent.class, e -> activities.erased(e).chain(() -> stages.erased(e.leadId()))
                        .chain(() -> consents.erased(e.leadId()))
                        .chain(() -> messages.erased(e.leadId()))
                        .chain(() -> followUps.erased(e.leadId()))
                        .chain(() -> sequences.erased(e.leadId())))
                .on(LeadMergedEvent.class, e -> activities.merged(e).chain(() -> "MANUAL".equals(e.kind())
                        ? stages.merged(e.leadId(), e.mergedLeadId())
                                .chain(() -> history.merged(e.leadId(), e.mergedLeadId()))
                                .chain(() -> consents.merged(e.leadId(), e.mergedLeadId()))
                                .chain(() -> messages.merged(e.leadId(), e.mergedLeadId()))
                                .chain(() -> e.mergedLeadId() == null ? Uni.createFrom().voidItem()
                                        : followUps.merged(e.mergedLeadId(), e.leadId()))
                                .chain(() -> sequences.merged(e.leadId(), e.mergedLeadId()))
                        : Uni.createFrom().voidItem()))
                .ignore("lead.captured", "a lead enters nurture's pipeline when distribution assigns it "
                        + "(lead.assigned); nurture keeps none of the person's data and reads it from capture at send "
                        + "time")
                .ignore("lead.updated", "nurture keeps none of the lead's attributes: templates read them from capture "
                        + "at send time (issue 10's messaging step)")
                .on(ConsentChangedEvent.class, e -> consents.changed(e).chain(() -> sequences.consentChanged(
                        e.leadId(), e.channel(), e.status()))));
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
