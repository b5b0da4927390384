package io.leadstream.distribution.assignments;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.distribution.leads.KnownLeads;
import io.leadstream.distribution.leads.LeadCapturedEvent;
import io.leadstream.distribution.leads.LeadUpdatedEvent;
import io.smallrye.mutiny.Uni;

/**
 * capture's events (topic leads.capture): the attributes the assignment rules route on, merges and erasures; what it
 * does not use, and why.
 */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "distribution.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, AssignmentService assignments, KnownLeads leads) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadCapturedEvent.class, e -> {
                    if (e.leadId() == null) {
                        throw new MalformedEventException("lead.captured without leadId");
                    }
                    return leads.attributes(e.leadId(), e.attributes(), at(e.capturedAt())).replaceWithVoid();
                })
                .on(LeadUpdatedEvent.class, e -> {
                    if (e.leadId() == null) {
                        throw new MalformedEventException("lead.updated without leadId");
                    }
                    // an update changes what the next routing sees; it does not move the lead
                    return leads.attributes(e.leadId(), e.attributes(), at(e.updatedAt())).replaceWithVoid();
                })
                .on(LeadMergedEvent.class, e -> merged(assignments, leads, e))
                .on(LeadErasedEvent.class, e -> {
                    if (e.leadId() == null) {
                        throw new MalformedEventException("lead.erased without leadId");
                    }
                    return assignments.erased(e.leadId()).chain(() -> leads.erased(e.leadId()));
                })
                .ignore("lead.inquired", "an inquiry does not move an assignment; the SLA clock stops on nurture's "
                        + "contact events")
                .ignore("consent.changed", "consent does not decide who works a lead"));
    }

    private static Uni<Void> merged(AssignmentService assignments, KnownLeads leads, LeadMergedEvent e) {
        if (e.leadId() == null) {
            throw new MalformedEventException("lead.merged without leadId");
        }
        // a SUBMISSION merge adds to an existing lead and changes no one's work, only what routing knows of it
        if (!"MANUAL".equals(e.kind()) || e.mergedLeadId() == null) {
            return e.survivor() == null ? Uni.createFrom().voidItem()
                    : leads.attributes(e.leadId(), e.survivor().attributes(), at(e.mergedAt())).replaceWithVoid();
        }
        return assignments.merged(e.leadId(), e.mergedLeadId())
                .chain(() -> leads.merged(e.leadId(), e.mergedLeadId(),
                        e.survivor() == null ? null : e.survivor().attributes(), at(e.mergedAt())));
    }

    private static Instant at(Instant when) {
        return when == null ? Instant.now() : when;
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
