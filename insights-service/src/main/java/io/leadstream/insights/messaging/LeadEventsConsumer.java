package io.leadstream.insights.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventInbox;
import io.leadstream.insights.service.LeadFactsService;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the read models from the three topics; each event applied once per channel (chassis inbox, one
 * consumer name per channel), event types insights does not read yet are ignored.
 */
@ApplicationScoped
public class LeadEventsConsumer {

    static final String CAPTURE = "insights.capture-events";
    static final String SCORING = "insights.scoring-events";
    static final String DISTRIBUTION = "insights.distribution-events";

    private final EventInbox inbox;
    private final LeadFactsService facts;

    public LeadEventsConsumer(EventInbox inbox, LeadFactsService facts) {
        this.inbox = inbox;
        this.facts = facts;
    }

    @Incoming("capture-events")
    public Uni<Void> onCaptureEvent(Message<String> message) {
        return inbox.process(message, CAPTURE, event -> switch (event.name()) {
            case "lead.captured" -> facts.captured(event.dataAs(LeadCapturedEvent.class));
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("scoring-events")
    public Uni<Void> onScoringEvent(Message<String> message) {
        return inbox.process(message, SCORING, event -> switch (event.name()) {
            case "lead.scored" -> facts.scored(event.dataAs(LeadScoredEvent.class));
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("distribution-events")
    public Uni<Void> onDistributionEvent(Message<String> message) {
        return inbox.process(message, DISTRIBUTION, event -> switch (event.name()) {
            case "lead.assigned" -> facts.assigned(event.dataAs(LeadAssignedEvent.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
