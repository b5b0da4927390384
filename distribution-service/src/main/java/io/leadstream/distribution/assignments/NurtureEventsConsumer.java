package io.leadstream.distribution.assignments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.distribution.sla.SlaClocks;
import io.smallrye.mutiny.Uni;

/**
 * nurture's events (topic leads.nurture): contact stops a lead's SLA clock (a call, message or meeting logged, a
 * message a rep sent, the stage CONTACTED) and starts the next-touch clock; leaving the pipeline closes the
 * assignment and stops the clock.
 */
@ApplicationScoped
public class NurtureEventsConsumer extends EventConsumer {

    static final String CONSUMER = "distribution.nurture-events";

    public NurtureEventsConsumer(EventDispatcher dispatcher, AssignmentService assignments, SlaClocks sla,
            Clock clock) {
        super(dispatcher, EventHandlers.consumer(CONSUMER)
                .on(NurtureEvents.ActivityLogged.class, e -> {
                    require(e.leadId(), "activity.logged");
                    return e.contact() ? sla.contact(e.leadId(), at(e.occurredAt(), clock)) : Uni.createFrom().voidItem();
                })
                .on(NurtureEvents.MessageSent.class, e -> {
                    require(e.leadId(), "message.sent");
                    return e.byRep() ? sla.contact(e.leadId(), at(e.sentAt(), clock)) : Uni.createFrom().voidItem();
                })
                .on(NurtureEvents.StageChanged.class, e -> {
                    require(e.leadId(), "lead.stage-changed");
                    if (e.to() == null) {
                        throw new MalformedEventException("lead.stage-changed without to");
                    }
                    Instant at = at(e.changedAt(), clock);
                    Uni<Void> touched = "CONTACTED".equals(e.to()) ? sla.contact(e.leadId(), at)
                            : Uni.createFrom().voidItem();
                    return touched.chain(() -> assignments.stageChanged(e.leadId(), e.to(), at));
                })
                .ignore("follow-up.due", "a follow-up coming due is a reminder to the rep (nurture emails it), not "
                        + "contact with the lead")
                .ignore("follow-up.completed", "not yet: whether a completed follow-up counts as a next touch for "
                        + "the SLA is not decided; the contact itself arrives as activity.logged or message.sent"));
    }

    @Incoming("nurture-events")
    public Uni<Void> onEvent(Message<String> message) {
        return dispatch(message);
    }

    private static void require(Object leadId, String type) {
        if (leadId == null) {
            throw new MalformedEventException(type + " without leadId");
        }
    }

    private static Instant at(Instant given, Clock clock) {
        return (given != null ? given : clock.instant()).truncatedTo(ChronoUnit.MICROS);
    }
}
