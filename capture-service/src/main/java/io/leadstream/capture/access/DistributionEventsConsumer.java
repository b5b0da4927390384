package io.leadstream.capture.access;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * distribution's events (topic leads.distribution): keeps capture's copy of lead ownership (lead_owner) from
 * lead.assigned, so reps see the leads assigned to them. Each event is applied once by the chassis' dispatcher; an
 * older assignment arriving late does not replace a newer one. distribution publishes nothing else yet; a type it
 * adds is acknowledged and skipped until it is handled or ignored here (EventContractsTest says which).
 */
@ApplicationScoped
public class DistributionEventsConsumer {

    static final String CONSUMER = "capture.distribution-events";

    private final EventDispatcher dispatcher;
    private final EventHandlers handlers;

    public DistributionEventsConsumer(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.handlers = EventHandlers.consumer(CONSUMER)
                .on(LeadAssignedEvent.class, this::owned)
                .build();
    }

    /** The table of what this consumer does with each event type (checked against distribution's events in tests). */
    public EventHandlers handlers() {
        return handlers;
    }

    @Incoming("distribution-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatcher.dispatch(message, handlers);
    }

    private Uni<Void> owned(LeadAssignedEvent assigned) {
        if (assigned.leadId() == null || assigned.repId() == null || assigned.assignedAt() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.assigned without leadId, repId or assignedAt"));
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
