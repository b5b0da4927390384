package io.leadstream.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventInbox;
import io.leadstream.scoring.service.ScoringService;
import io.smallrye.mutiny.Uni;

/** Scores every captured lead; each event applied once (chassis inbox), other capture events ignored. */
@ApplicationScoped
public class CaptureEventsConsumer {

    static final String CONSUMER = "scoring.capture-events";

    private final EventInbox inbox;
    private final ScoringService scoring;

    public CaptureEventsConsumer(EventInbox inbox, ScoringService scoring) {
        this.inbox = inbox;
        this.scoring = scoring;
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.process(message, CONSUMER, event -> switch (event.name()) {
            case "lead.captured" -> scoring.scoreCaptured(event.dataAs(LeadCapturedEvent.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
