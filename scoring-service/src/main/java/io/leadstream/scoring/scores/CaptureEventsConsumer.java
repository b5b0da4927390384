package io.leadstream.scoring.scores;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.smallrye.mutiny.Uni;

/** capture's events (topic leads.capture): every captured lead is scored; what scoring does not use yet, and why. */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "scoring.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, ScoringService scoring) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadCapturedEvent.class, scoring::scoreCaptured)
                .ignore("lead.updated", "not yet: re-scoring on every change comes with issue 8")
                .ignore("lead.merged", "not yet: issue 8 re-scores the survivor and retires the merged lead's score")
                .ignore("lead.erased", "not yet: issue 8 deletes the erased lead's score and history (no personal "
                        + "data is held here meanwhile: a score is keyed by the lead id only)")
                .ignore("lead.inquired", "not yet: engagement (inquiries) is scored with issue 8")
                .ignore("consent.changed", "consent does not count towards a score"));
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
