package io.leadstream.capture.testing;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.events.EventType;
import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.TestEvents;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * distribution-service assigning leads to reps, queueing them for reps to claim and moving them to others, as capture's
 * consumer receives it (the in-memory channel {@code distribution-events}): each assignment is distribution's own
 * schema example of lead.assigned with this lead, rep and time; each queueing and claim its examples of lead.queued and
 * lead.claimed with this lead (and rep and time); each reassignment its example of lead.reassigned with this lead, reps
 * and time.
 */
@ApplicationScoped
public class Assignments {

    /** lead.assigned with every field distribution writes (held to distribution's schema by EventContracts). */
    @EventType("lead.assigned")
    record AssignedAsDistributionWritesIt(UUID leadId, String repId, String strategy, String reason, int score,
            String grade, Instant assignedAt) {
    }

    /** lead.reassigned with every field its schema requires (held to distribution's schema by EventContracts). */
    @EventType("lead.reassigned")
    record ReassignedAsDistributionWritesIt(UUID leadId, String repId, String previousRepId, String strategy,
            String reason, String trigger, Instant reassignedAt) {
    }

    /** lead.queued with every field its schema requires (held to distribution's schema by EventContracts). */
    @EventType("lead.queued")
    record QueuedAsDistributionWritesIt(UUID leadId, String queue, String rule, String reason, int score, String grade,
            Instant queuedAt) {
    }

    /** lead.claimed with every field its schema requires (held to distribution's schema by EventContracts). */
    @EventType("lead.claimed")
    record ClaimedAsDistributionWritesIt(UUID leadId, String repId, String queue, int score, String grade,
            Instant queuedAt, Instant claimedAt) {
    }

    /** lead.shared with every field its schema requires (held to distribution's schema by EventContracts). */
    @EventType("lead.shared")
    record SharedAsDistributionWritesIt(UUID leadId, UUID shareId, String partnerId, java.util.List<String> fields,
            Instant sharedAt, Instant deadline) {
    }

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;

    /** Sends the assignment of {@code leadId} to {@code repId} at {@code assignedAt} (an ISO instant). */
    public void assign(String leadId, String repId, String assignedAt) {
        AssignedAsDistributionWritesIt example = EventContracts.assertConsumes(AssignedAsDistributionWritesIt.class,
                "distribution-service").get(0);
        send("leadstream.lead.assigned.v1", leadId, new AssignedAsDistributionWritesIt(UUID.fromString(leadId),
                repId, example.strategy(), example.reason(), example.score(), example.grade(), Instant.parse(assignedAt)));
    }

    /** Sends that a rule put {@code leadId} in distribution's example queue, where it waits for a rep to claim it. */
    public void queue(String leadId) {
        QueuedAsDistributionWritesIt example = EventContracts.assertConsumes(QueuedAsDistributionWritesIt.class,
                "distribution-service").get(0);
        send("leadstream.lead.queued.v1", leadId, new QueuedAsDistributionWritesIt(UUID.fromString(leadId),
                example.queue(), example.rule(), example.reason(), example.score(), example.grade(), example.queuedAt()));
    }

    /** Sends that {@code repId} claimed {@code leadId} from distribution's example queue at {@code claimedAt}. */
    public void claim(String leadId, String repId, String claimedAt) {
        ClaimedAsDistributionWritesIt example = EventContracts.assertConsumes(ClaimedAsDistributionWritesIt.class,
                "distribution-service").get(0);
        send("leadstream.lead.claimed.v1", leadId, new ClaimedAsDistributionWritesIt(UUID.fromString(leadId), repId,
                example.queue(), example.score(), example.grade(), example.queuedAt(), Instant.parse(claimedAt)));
    }

    /** Sends the move of {@code leadId} from {@code previousRepId} to {@code repId} at {@code reassignedAt}. */
    public void reassign(String leadId, String previousRepId, String repId, String reassignedAt) {
        ReassignedAsDistributionWritesIt example = EventContracts.assertConsumes(
                ReassignedAsDistributionWritesIt.class, "distribution-service").get(0);
        send("leadstream.lead.reassigned.v1", leadId, new ReassignedAsDistributionWritesIt(UUID.fromString(leadId),
                repId, previousRepId, example.strategy(), example.reason(), example.trigger(),
                Instant.parse(reassignedAt)));
    }

    /** Sends that a manager shared {@code leadId} with distribution's example partner at {@code sharedAt}. */
    public void share(String leadId, String sharedAt) {
        SharedAsDistributionWritesIt example = EventContracts.assertConsumes(SharedAsDistributionWritesIt.class,
                "distribution-service").get(0);
        Instant at = Instant.parse(sharedAt);
        send("leadstream.lead.shared.v1", leadId, new SharedAsDistributionWritesIt(UUID.fromString(leadId),
                UUID.randomUUID(), example.partnerId(), example.fields(), at, at.plus(java.time.Duration.ofDays(2))));
    }

    private void send(String ceType, String leadId, Object event) {
        try {
            connector.<Message<String>>source("distribution-events").runOnVertxContext(true)
                    .send(TestEvents.event(ceType, leadId, mapper.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
