package io.leadstream.nurture.lifecycle;

import static io.leadstream.nurture.lifecycle.FollowMerges.timelineOnSurvivor;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.nurture.history.LeadHistory;
import io.leadstream.nurture.history.LeadScoredEvent;
import io.leadstream.nurture.history.Learned;
import io.leadstream.nurture.merges.MergedLeads;
import io.leadstream.nurture.sequences.SequenceTriggers;
import io.leadstream.nurture.webhooks.Webhooks;
import io.smallrye.mutiny.Uni;

/**
 * scoring's events (topic leads.scoring), handed to each feature they concern: every score a lead got is an entry of
 * its timeline; a qualified lead enters the drip sequences that enrol on qualification. The stage does not follow the
 * score: a rep moves a qualified lead on. A score of a lead merged away before it was consumed ({@link MergedLeads})
 * is only an entry of the survivor's timeline.
 */
@ApplicationScoped
public class ScoringEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.scoring-events";

    public ScoringEventsConsumer(EventDispatcher dispatcher, LeadHistory history, SequenceTriggers sequences,
            MergedLeads merges, Webhooks webhooks) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadScoredEvent.class, e -> timelineOnSurvivor(merges, e.leadId(), "lead.scored",
                        "scoring retires a merged lead's score and scores the survivor on its own (trigger "
                                + "lead.merged): the merged lead's qualification does not enrol the survivor",
                        lead -> history.learn(Learned.scored(lead, e.score(), e.grade(), e.qualified(), e.trigger(),
                                e.modelVersion(), e.scoredAt())),
                        () -> sequences.scored(e.leadId(), e.qualified())))
                // every event of the topic, as it is, to the webhook subscribers that want it
                .tap((event, envelope) -> webhooks.fanOut(event)));
    }

    @Incoming("scoring-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
