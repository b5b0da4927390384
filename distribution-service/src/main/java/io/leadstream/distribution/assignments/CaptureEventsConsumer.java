package io.leadstream.distribution.assignments;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.smallrye.mutiny.Uni;

/** capture's events (topic leads.capture): distribution follows merges and erasures; what it does not use, and why. */
@ApplicationScoped
public class CaptureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "distribution.capture-events";

    public CaptureEventsConsumer(EventDispatcher dispatcher, AssignmentService assignments) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(LeadMergedEvent.class, e -> merged(assignments, e))
                .on(LeadErasedEvent.class, e -> {
                    if (e.leadId() == null) {
                        throw new MalformedEventException("lead.erased without leadId");
                    }
                    return assignments.erased(e.leadId());
                })
                .ignore("lead.captured", "a lead is assigned on lead.scored, when the score, grade and qualification "
                        + "are known; the assignment rules of issue 9 will read its attributes from here")
                .ignore("lead.updated", "an assignment is not redone when a lead changes; the assignment rules of "
                        + "issue 9 will keep the attributes they route on from here")
                .ignore("lead.inquired", "an inquiry does not move an assignment; the SLA clock stops on nurture's "
                        + "contact events")
                .ignore("consent.changed", "consent does not decide who works a lead"));
    }

    private static Uni<Void> merged(AssignmentService assignments, LeadMergedEvent e) {
        if (e.leadId() == null) {
            throw new MalformedEventException("lead.merged without leadId");
        }
        // a SUBMISSION merge adds to an existing lead and changes no one's work
        return "MANUAL".equals(e.kind()) && e.mergedLeadId() != null
                ? assignments.merged(e.leadId(), e.mergedLeadId())
                : Uni.createFrom().voidItem();
    }

    @Incoming("capture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }
}
