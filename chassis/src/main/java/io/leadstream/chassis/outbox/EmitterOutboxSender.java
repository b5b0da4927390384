package io.leadstream.chassis.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.events.CloudEvents;
import io.leadstream.chassis.tracing.EventTraces;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends outbox rows through the {@code outbox} channel. With the Kafka connector the message becomes a
 * record keyed by the lead id, with the CloudEvents attributes as binary-mode headers ({@code ce_id},
 * {@code ce_type}, {@code ce_source}, {@code ce_subject}, {@code ce_time}, and {@code ce_sequence}: the lead's number
 * for the event, see {@link Outbox}), and {@code traceparent}: the trace of what recorded it ({@link EventTraces});
 * the returned Uni completes
 * when the broker acknowledges it. Services that publish nothing set
 * {@code leadstream.outbox.enabled=false} at build time and get no channel.
 */
@ApplicationScoped
@IfBuildProperty(name = "leadstream.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class EmitterOutboxSender implements OutboxSender {

    public static final String CHANNEL = "outbox";
    private static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);

    private final MutinyEmitter<String> emitter;
    private final URI source;

    public EmitterOutboxSender(@Channel(CHANNEL) MutinyEmitter<String> emitter, OutboxConfig config) {
        this.emitter = emitter;
        this.source = URI.create(config.source());
    }

    @Override
    public Uni<Void> send(PendingEvent event) {
        var builder = OutgoingCloudEventMetadata.<String>builder()
                .withId(event.id().toString())
                .withType(event.ceType())
                .withSource(source)
                .withSubject(event.aggregateId())
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC));
        if (event.sequence() != null) {
            builder.withExtension(CloudEvents.SEQUENCE, event.sequence().toString());
        }
        OutgoingCloudEventMetadata<String> ce = builder.build();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", JSON);
        Message<String> message = Message.of(event.payload()).addMetadata(ce);
        if (event.traceparent() != null) {
            // the trace of what recorded the event: the connector's producer span (when tracing is on) becomes its
            // child and replaces the header with its own context; without it the header still carries the trace
            headers.add(EventTraces.HEADER, event.traceparent().getBytes(StandardCharsets.UTF_8));
            message = message.addMetadata(TracingMetadata.withCurrent(EventTraces.parent(event.traceparent())));
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.aggregateId())
                // the payload is already JSON text: declare it here rather than in the CloudEvent
                // metadata, which would make the connector encode the string a second time
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(message.addMetadata(kafka));
    }
}
