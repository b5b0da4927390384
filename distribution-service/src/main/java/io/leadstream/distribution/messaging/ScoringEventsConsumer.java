package io.leadstream.distribution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventInbox;
import io.leadstream.distribution.service.DistributionService;
import io.smallrye.mutiny.Uni;

/** Assigns every scored lead; each event applied once (chassis inbox), other scoring events ignored. */
@ApplicationScoped
public class ScoringEventsConsumer {

    static final String CONSUMER = "distribution.scoring-events";

    private final EventInbox inbox;
    private final DistributionService distribution;

    public ScoringEventsConsumer(EventInbox inbox, DistributionService distribution) {
        this.inbox = inbox;
        this.distribution = distribution;
    }

    @Incoming("scoring-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.process(message, CONSUMER, event -> switch (event.name()) {
            case "lead.scored" -> distribution.assignScored(event.dataAs(LeadScoredEvent.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
