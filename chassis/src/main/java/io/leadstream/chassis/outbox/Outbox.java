package io.leadstream.chassis.outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;
import io.leadstream.chassis.events.EventTypes;
import io.leadstream.chassis.sql.TransactionSql;
import io.leadstream.chassis.tracing.EventTraces;
import io.smallrye.mutiny.Uni;

/**
 * Writes events to the {@code outbox_event} table in the caller's Hibernate Reactive transaction, so
 * that the event commits or rolls back together with the state change it announces (never a dual
 * write). {@link OutboxRelay} sends committed rows to Kafka afterwards. The row is a prepared insert
 * on the transaction's own connection ({@link TransactionSql}: about half the cost of a native query
 * through the session), after the session is flushed, so that what the transaction changed through
 * Hibernate is written, and fails, before its event is.
 * <p>
 * Each event is numbered per lead ({@code sequence}, 1, 2, …, published as the CloudEvents extension
 * {@code sequence}); numbering locks the lead's counter until the transaction ends, so one lead's events are recorded,
 * committed and published in one order, which consumers check ({@link io.leadstream.chassis.inbox.EventDispatcher}).
 * Two transactions that record events for the same two leads in opposite orders can deadlock; PostgreSQL ends one
 * of them (a failure that will pass: retried by a consumer, 503 with {@code Retry-After} to an API client).
 * <p>
 * The row keeps the trace of what recorded it (the request's span, or the span of the event being applied:
 * {@link EventTraces}), and the relay sends the event as that trace's child, so that one trace follows a lead from
 * capture to assignment and on.
 */
@ApplicationScoped
public class Outbox {

    /**
     * The row, numbered: the lead's next sequence from {@code outbox_sequence}, whose row stays locked until the
     * transaction ends, so another transaction recording for the same lead waits here until this one has committed
     * (or rolled back) and its row comes after this one's, in {@code position} and in sequence.
     */
    static final String INSERT = "with next as (insert into outbox_sequence (aggregate_id, last_sequence) values ($2, 1) "
            + "on conflict (aggregate_id) do update set last_sequence = outbox_sequence.last_sequence + 1 "
            + "returning last_sequence) "
            + "insert into outbox_event (id, aggregate_id, event_type, payload, occurred_at, sequence, traceparent) "
            + "select $1, $2, $3, cast(cast($4 as text) as jsonb), $5, last_sequence, $6 from next";

    /** PostgreSQL channel the relay listens on; a NOTIFY is delivered only when the transaction commits. */
    public static final String NOTIFY_CHANNEL = "outbox_event";
    static final String NOTIFY = "notify " + NOTIFY_CHANNEL;

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Records {@code event} (its type and version from its {@link EventType}) for the aggregate (lead)
     * {@code aggregateId}, the Kafka key and {@code ce_subject}; must run inside the caller's transaction.
     */
    public Uni<UUID> record(UUID aggregateId, DomainEvent event) {
        return record(aggregateId == null ? null : aggregateId.toString(), event);
    }

    /** As {@link #record(UUID, DomainEvent)}, for an aggregate whose id is not a UUID. */
    public Uni<UUID> record(String aggregateId, DomainEvent event) {
        if (aggregateId == null || aggregateId.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("an outbox event needs an aggregate (lead) id"));
        }
        if (event == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("no event to record"));
        }
        final String ceType;
        final String json;
        try {
            ceType = EventTypes.of(event.getClass()).ceType();
            json = mapper.writeValueAsString(event);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("cannot record event " + event.getClass().getName(), e));
        }
        UUID id = UUID.randomUUID();
        // the trace of the caller, read now (the insert runs later, after the flush)
        String traceparent = EventTraces.currentTraceparent();
        // microsecond precision: what PostgreSQL stores, so ce_time is the same before and after a reload
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return TransactionSql.flushed()
                .chain(() -> TransactionSql.update(INSERT, id, aggregateId, ceType, json, occurredAt, traceparent))
                // wakes the relay right after commit (several in one transaction fold into one)
                .chain(() -> TransactionSql.execute(NOTIFY))
                .replaceWith(id);
    }
}
