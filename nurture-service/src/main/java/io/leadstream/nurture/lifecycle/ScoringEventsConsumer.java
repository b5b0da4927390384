package io.leadstream.nurture.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.nurture.history.LeadHistory;
import io.leadstream.nurture.history.LeadScoredEvent;
import io.leadstream.nurture.history.Learned;
import io.leadstream.nurture.sequences.SequenceTriggers;
import io.smallrye.mutiny.Uni;

/**
 * scoring's events (topic leads.scoring), handed to each feature they concern: every score a lead got is an entry of
 * its timeline; a qualified lead enters the drip sequences that enrol on qualification. The stage does not follow the
 * score: a rep moves a qualified lead on.
 */
@ApplicationScoped
public class ScoringEventsConsumer extends EventConsumer {

    static final String CONSUMER = "nurture.scoring-events";

    public ScoringEventsConsumer(EventDispatcher dispatcher, LeadHistory history, SequenceTriggers sequences) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadScoredEvent.class, e -> history.learn(Learned.scored(e.leadId(), e.score(), e.grade(),
                        e.qualified(), e.trigger(), e.modelVersion(), e.scoredAt()))
                        .chain(() -> sequences.scored(e.leadId(), e.qualified()))));
    }

    @Incoming("scoring-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
