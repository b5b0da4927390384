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
 * distribution-service assigning leads to reps, as capture's consumer receives it (the in-memory channel
 * {@code distribution-events}): each assignment is distribution's own schema example of lead.assigned with this
 * lead, rep and time.
 */
@ApplicationScoped
public class Assignments {

    /** lead.assigned with every field distribution writes (held to distribution's schema by EventContracts). */
    @EventType("lead.assigned")
    record AssignedAsDistributionWritesIt(UUID leadId, String repId, String strategy, String reason, int score,
            String grade, Instant assignedAt) {
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
        try {
            String payload = mapper.writeValueAsString(new AssignedAsDistributionWritesIt(UUID.fromString(leadId),
                    repId, example.strategy(), example.reason(), example.score(), example.grade(),
                    Instant.parse(assignedAt)));
            connector.<Message<String>>source("distribution-events").runOnVertxContext(true)
                    .send(TestEvents.event("leadstream.lead.assigned.v1", leadId, payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
