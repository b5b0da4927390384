package io.leadstream.nurture.lifecycle;

import static io.leadstream.nurture.lifecycle.FollowMerges.onSurvivor;

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
import io.leadstream.nurture.merges.MergedLeads;
import io.leadstream.nurture.messages.MessageService;
import io.leadstream.nurture.notifications.Notifications;
import io.leadstream.nurture.sequences.SequenceTriggers;
import io.leadstream.nurture.stages.StageService;
import io.leadstream.nurture.webhooks.Webhooks;
import io.smallrye.mutiny.Uni;

/**
 * capture's events (topic leads.capture), the one consumer of them, handing each to every feature it concerns (so it
 * sits above the features, which never import it): an inquiry becomes an activity (an inbound WhatsApp message stops
 * the lead's drip sequences, as a reply); a consent change is kept to be checked at every send, and a withdrawal stops
 * the sequences it concerns; an erasure deletes what nurture holds about the person (activities, stage-move notes,
 * follow-ups, consent, what messages said) and stops every sequence; a manual merge folds the merged lead's timeline
 * into the survivor (activities, stage history and stage, what nurture learned from other services, consent,
 * messages, follow-ups, sequence enrolments, notices not mailed yet) and is remembered ({@link MergedLeads}), so that
 * an inquiry, consent change or erasure of the merged lead consumed after the merge is applied to the survivor; what
 * nurture does not use, and why.
 */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, ActivityService activities,
            StageService stages, LeadHistory history, ConsentBook consents, MessageService messages,
            FollowUpService followUps, SequenceTriggers sequences, Notifications notifications, MergedLeads merges,
            Webhooks webhooks) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                // the person reached the lead they are now: an inquiry of a merged-away lead is the survivor's
                .on(LeadInquiredEvent.class, e -> onSurvivor(merges, e.leadId(), "lead.inquired",
                        lead -> activities.inquired(e.on(lead))))
                // capture erases a merge group as a whole (a lead.erased for each of its leads): the merged-away lead's
                // erasure is its survivor's, and applying it there again changes nothing
                .on(LeadErasedEvent.class, e -> onSurvivor(merges, e.leadId(), "lead.erased",
                        lead -> erased(activities, stages, consents, messages, followUps, sequences, e.on(lead))))
                .on(LeadMergedEvent.class, e -> !"MANUAL".equals(e.kind()) || e.mergedLeadId() == null
                        ? activities.merged(e) // SUBMISSION: nothing moves (and a merge without leadId is refused)
                        : merges.record(e.leadId(), e.mergedLeadId(), e.mergedAt()).chain(survivor -> survivor == null
                                ? Uni.createFrom().voidItem()
                                : merged(activities, stages, history, consents, messages, followUps, sequences,
                                        notifications, e.into(survivor))))
                .ignore("lead.captured", "a lead enters nurture's pipeline when distribution assigns it "
                        + "(lead.assigned); nurture keeps none of the person's data and reads it from capture at send "
                        + "time")
                .ignore("lead.updated", "nurture keeps none of the lead's attributes: templates read them from capture "
                        + "at send time (issue 10's messaging step)")
                // the merge folded the merged lead's consent into the survivor's; a later change of it joins there
                // (newest recordedAt wins, as ever)
                .on(ConsentChangedEvent.class, e -> onSurvivor(merges, e.leadId(), "consent.changed",
                        lead -> consents.changed(e.on(lead)).chain(() -> sequences.consentChanged(
                                lead, e.channel(), e.status()))))
                // every event of the topic, as it is, to the webhook subscribers that want it
                .tap((event, envelope) -> webhooks.fanOut(event)));
    }

    private static Uni<Void> erased(ActivityService activities, StageService stages, ConsentBook consents,
            MessageService messages, FollowUpService followUps, SequenceTriggers sequences, LeadErasedEvent e) {
        return activities.erased(e).chain(() -> stages.erased(e.leadId()))
                .chain(() -> consents.erased(e.leadId()))
                .chain(() -> messages.erased(e.leadId()))
                .chain(() -> followUps.erased(e.leadId()))
                .chain(() -> sequences.erased(e.leadId()));
    }

    /** A MANUAL merge, after {@link MergedLeads#record}: {@code e.leadId()} is where the merged lead lives on. */
    private static Uni<Void> merged(ActivityService activities, StageService stages, LeadHistory history,
            ConsentBook consents, MessageService messages, FollowUpService followUps, SequenceTriggers sequences,
            Notifications notifications, LeadMergedEvent e) {
        return activities.merged(e)
                .chain(() -> stages.merged(e.leadId(), e.mergedLeadId()))
                .chain(() -> history.merged(e.leadId(), e.mergedLeadId()))
                .chain(() -> consents.merged(e.leadId(), e.mergedLeadId()))
                .chain(() -> messages.merged(e.leadId(), e.mergedLeadId()))
                .chain(() -> followUps.merged(e.mergedLeadId(), e.leadId()))
                .chain(() -> sequences.merged(e.leadId(), e.mergedLeadId()))
                .chain(() -> notifications.merged(e.mergedLeadId(), e.leadId()));
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
