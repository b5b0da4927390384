package io.leadstream.capture.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventInbox;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.capture.LeadOwner;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Keeps capture's copy of lead ownership (lead_owner) from lead.assigned, so reps see the leads assigned to
 * them. Each event applied once (chassis inbox); an older assignment arriving late does not replace a newer one.
 */
@ApplicationScoped
public class DistributionEventsConsumer {

    static final String CONSUMER = "capture.distribution-events";

    private final EventInbox inbox;

    public DistributionEventsConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.process(message, CONSUMER, event -> switch (event.name()) {
            case "lead.assigned" -> owned(event.dataAs(LeadAssignedEvent.class));
            default -> Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> owned(LeadAssignedEvent assigned) {
        if (assigned.leadId() == null || assigned.repId() == null || assigned.assignedAt() == null) {
            throw new MalformedEventException("lead.assigned without leadId, repId or assignedAt");
        }
        return LeadOwner.<LeadOwner>findById(assigned.leadId()).chain(owner -> {
            if (owner == null) {
                owner = new LeadOwner();
                owner.leadId = assigned.leadId();
            } else if (owner.assignedAt.isAfter(assigned.assignedAt())) {
                Log.infof("lead %s: ignored an assignment to %s older than the one to %s", assigned.leadId(),
                        assigned.repId(), owner.repId);
                return Uni.createFrom().voidItem();
            }
            owner.repId = assigned.repId();
            owner.assignedAt = assigned.assignedAt();
            return owner.persist().replaceWithVoid();
        });
    }
}
