package io.leadstream.chassis.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;

/**
 * Idempotent consumption, used by {@link EventDispatcher}: {@link #applyOnce} inserts the event's {@code ce_id}
 * into {@code processed_event} in the same transaction as the handler's effect, so a redelivered event finds its
 * row and is skipped, and an effect that fails rolls its row back with it. {@link #read} turns a message into an
 * {@link InboundEvent}.
 */
@ApplicationScoped
public class EventInbox {

    static final String MARK = "insert into processed_event (consumer, event_id, event_type) values (:consumer, :eventId, :eventType) "
            + "on conflict do nothing";

    private final ObjectMapper mapper;

    public EventInbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Inside the caller's transaction: true and the effect applied, or false when this event was seen before. */
    Uni<Boolean> applyOnce(String consumer, InboundEvent event, Function<InboundEvent, Uni<Void>> handler) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK)
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", event.id())
                        .setParameter("eventType", event.type())
                        .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? handler.apply(event).replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE));
    }

    /** Reads the CloudEvents attributes (binary-mode Kafka headers, or in-process metadata) and JSON data. */
    InboundEvent read(Message<?> message) {
        CloudEventMetadata<?> ce = null;
        for (Object metadata : message.getMetadata()) {
            if (metadata instanceof CloudEventMetadata<?> found) {
                ce = found;
                break;
            }
        }
        if (ce == null || ce.getId() == null || ce.getId().isBlank()) {
            throw new MalformedEventException("message has no CloudEvents ce_id header; cannot de-duplicate it");
        }
        Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElse(null);
        String subject = ce.getSubject().orElse(null);
        return new InboundEvent(ce.getId(), ce.getType(), String.valueOf(ce.getSource()), subject, time,
                toJson(message.getPayload()), mapper);
    }

    /**
     * Reads a record taken from Kafka directly (not through a channel), such as a replay's: binary-mode CloudEvents
     * headers ({@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_subject}, {@code ce_time}) and JSON data.
     */
    public InboundEvent read(ConsumerRecord<?, ?> record) {
        String id = header(record, "ce_id");
        if (id == null || id.isBlank()) {
            throw new MalformedEventException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has no CloudEvents ce_id header; cannot de-duplicate it");
        }
        String time = header(record, "ce_time");
        Instant at;
        try {
            at = time == null ? null : OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("event " + id + " has an unreadable ce_time: " + time, e);
        }
        return new InboundEvent(id, header(record, "ce_type"), header(record, "ce_source"), header(record, "ce_subject"),
                at, toJson(record.value()), mapper);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode toJson(Object payload) {
        try {
            if (payload == null) {
                return mapper.nullNode();
            }
            if (payload instanceof JsonNode node) {
                return node;
            }
            if (payload instanceof String text) {
                return mapper.readTree(text);
            }
            if (payload instanceof byte[] bytes) {
                return mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
            }
            if (payload instanceof io.vertx.core.json.JsonObject json) {
                return mapper.readTree(json.encode());
            }
            return mapper.valueToTree(payload);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new MalformedEventException("event data is not JSON: " + e.getMessage(), e);
        }
    }
}
