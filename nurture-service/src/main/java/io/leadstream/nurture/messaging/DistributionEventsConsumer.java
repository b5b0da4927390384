package io.leadstream.nurture.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventInbox;
import io.leadstream.nurture.service.StageService;
import io.smallrye.mutiny.Uni;

/** Opens assigned leads; each event applied once (chassis inbox), other distribution events ignored. */
@ApplicationScoped
public class DistributionEventsConsumer {

    static final String CONSUMER = "nurture.distribution-events";

    private final EventInbox inbox;
    private final StageService stages;

    public DistributionEventsConsumer(EventInbox inbox, StageService stages) {
        this.inbox = inbox;
        this.stages = stages;
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.process(message, CONSUMER, event -> switch (event.name()) {
            case "lead.assigned" -> stages.assigned(event.dataAs(LeadAssignedEvent.class));
            default -> Uni.createFrom().voidItem();
        });
    }
}
