package io.leadstream.chassis.testing;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;

/** CloudEvents in service tests that use in-memory channels. */
public final class TestEvents {

    private TestEvents() {
    }

    /** The CloudEvents attributes a sent message carries (what the Kafka connector turns into ce_ headers). */
    public static CloudEventMetadata<?> cloudEvent(Message<?> message) {
        for (Object metadata : message.getMetadata()) {
            if (metadata instanceof CloudEventMetadata<?> ce) {
                return ce;
            }
        }
        throw new AssertionError("message carries no CloudEvents metadata: " + message.getPayload());
    }

    /** An incoming event as another service's relay would publish it, with a fresh ce_id. */
    public static Message<String> event(String ceType, String subject, String json) {
        return event(UUID.randomUUID().toString(), ceType, subject, json);
    }

    public static Message<String> event(String ceId, String ceType, String subject, String json) {
        return Message.of(json).addMetadata(OutgoingCloudEventMetadata.builder()
                .withId(ceId)
                .withType(ceType)
                .withSource(URI.create("/test"))
                .withSubject(subject)
                .withTimestamp(ZonedDateTime.now())
                .build());
    }
}
