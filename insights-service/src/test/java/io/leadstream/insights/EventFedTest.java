package io.leadstream.insights;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;

import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/**
 * What the flow tests fed through in-memory channels share: the four channels insights consumes, each a source that
 * delivers on a Vert.x context (as the Kafka connector does), so that a test sends the producers' events with
 * {@code capture.send(TestEvents.event(...))}.
 */
public abstract class EventFedTest {

    @Inject
    @Any
    InMemoryConnector connector;

    protected InMemorySource<Message<String>> capture;
    protected InMemorySource<Message<String>> scoring;
    protected InMemorySource<Message<String>> distribution;
    protected InMemorySource<Message<String>> nurture;

    @BeforeEach
    void channels() {
        capture = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        scoring = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
        distribution = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        nurture = connector.<Message<String>>source("nurture-events").runOnVertxContext(true);
    }
}
