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
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.events.CloudEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
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

    static final String MARK = "insert into processed_event (consumer, event_id, event_type, sequence) "
            + "values (:consumer, :eventId, :eventType, :sequence) on conflict do nothing";
    /**
     * The lead's position moves to this event when it comes after the last one applied and the lead is not held
     * behind an earlier, dead-lettered event (or this is that event, back from a replay): one row changed, apply it.
     */
    static final String ADVANCE = "insert into inbox_lead as l (consumer, source, aggregate_id, last_sequence) "
            + "values (:consumer, :source, :aggregate, :sequence) on conflict (consumer, source, aggregate_id) do update "
            + "set last_sequence = excluded.last_sequence, held_from = null, held_at = null "
            + "where l.last_sequence < excluded.last_sequence and (l.held_from is null or l.held_from = excluded.last_sequence)";
    /** Where the lead stands, as {@code last:held} ({@code held} empty when not held). */
    static final String POSITION = "select last_sequence || ':' || coalesce(cast(held_from as text), '') from inbox_lead "
            + "where consumer = :consumer and source = :source and aggregate_id = :aggregate";
    /** The lead's later events are held behind this one, which is being dead-lettered. */
    static final String HOLD = "insert into inbox_lead as l (consumer, source, aggregate_id, last_sequence, held_from, "
            + "held_at) values (:consumer, :source, :aggregate, 0, :sequence, now()) on conflict (consumer, source, "
            + "aggregate_id) do update set held_from = coalesce(l.held_from, excluded.held_from), "
            + "held_at = coalesce(l.held_at, excluded.held_at)";

    private final ObjectMapper mapper;

    public EventInbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Inside the caller's transaction: true and the effect applied, or false when this event was seen before or, for
     * a numbered event, comes behind what was already applied of its lead (a copy read again after its
     * {@code processed_event} row was purged). Fails with {@link HeldEventException} when the lead is held behind an
     * earlier event this consumer dead-lettered.
     */
    Uni<Boolean> applyOnce(String consumer, InboundEvent event, Function<InboundEvent, Uni<Void>> handler) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK)
                .setParameter("consumer", consumer)
                .setParameter("eventId", event.id())
                .setParameter("eventType", event.type())
                .setParameter("sequence", event.sequence())
                .executeUpdate()
                .chain(inserted -> {
                    if (inserted != 1) {
                        return Uni.createFrom().item(Boolean.FALSE);
                    }
                    if (!event.ordered()) {
                        return handler.apply(event).replaceWith(Boolean.TRUE);
                    }
                    return lead(session.createNativeQuery(ADVANCE), consumer, event, true).executeUpdate()
                            .chain(advanced -> advanced == 1
                                    ? handler.apply(event).replaceWith(Boolean.TRUE)
                                    : notInOrder(session, consumer, event));
                }));
    }

    /** The event did not advance its lead: it is behind (skipped), or the lead is held (refused). */
    private static Uni<Boolean> notInOrder(Mutiny.Session session, String consumer, InboundEvent event) {
        return lead(session.createNativeQuery(POSITION, String.class), consumer, event, false).getSingleResult()
                .map(position -> {
                    long last = Long.parseLong(position.substring(0, position.indexOf(':')));
                    String held = position.substring(position.indexOf(':') + 1);
                    if (!held.isEmpty() && event.sequence() > last) {
                        throw new HeldEventException(consumer + " holds lead " + event.subject() + "'s events from "
                                + event.source() + " behind its event #" + held + ", which it dead-lettered; this is #"
                                + event.sequence() + " (" + event.type() + "): replay the dead-letter topic once the "
                                + "cause is fixed");
                    }
                    Log.infof("%s: event %s (%s #%d of lead %s from %s) is behind the lead's last applied #%d: skipped",
                            consumer, event.id(), event.type(), event.sequence(), event.subject(), event.source(), last);
                    return Boolean.FALSE;
                });
    }

    /**
     * In a transaction of its own: {@code event}, being dead-lettered, holds its lead's later events from the same
     * source ({@link HeldEventException}) until a replay applies it. Nothing for an unnumbered event.
     */
    Uni<Void> hold(String consumer, InboundEvent event) {
        if (event == null || !event.ordered()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> lead(session.createNativeQuery(HOLD), consumer, event, true).executeUpdate()))
                .replaceWithVoid();
    }

    /** {@code query} about the event's lead, and ({@code withSequence}) the event's number. */
    private static <Q extends Mutiny.AbstractQuery> Q lead(Q query, String consumer, InboundEvent event,
            boolean withSequence) {
        query.setParameter("consumer", consumer);
        query.setParameter("source", event.source());
        query.setParameter("aggregate", event.subject());
        if (withSequence) {
            query.setParameter("sequence", event.sequence());
        }
        return query;
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
        Long sequence = sequence(ce.getId(), ce.getExtension(CloudEvents.SEQUENCE).map(String::valueOf).orElse(null));
        return new InboundEvent(ce.getId(), ce.getType(), String.valueOf(ce.getSource()), subject, time, sequence,
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
                at, sequence(id, header(record, "ce_" + CloudEvents.SEQUENCE)), toJson(record.value()), mapper);
    }

    /** The {@code sequence} extension as a number (null when absent); anything but a positive integer is malformed. */
    private static Long sequence(String id, String text) {
        if (text == null) {
            return null;
        }
        try {
            long sequence = Long.parseLong(text.strip());
            if (sequence > 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new MalformedEventException("event " + id + " has an unreadable ce_sequence: " + text);
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
