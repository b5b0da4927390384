package io.leadstream.chassis.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row claimed by the relay, ready to be sent. {@code ceType} is e.g. {@code leadstream.lead.captured.v1};
 * {@code sequence} the lead's number for it (null on rows recorded before events were numbered); {@code traceparent}
 * the W3C trace context of what recorded it (null when tracing was off).
 */
public record PendingEvent(UUID id, String aggregateId, String ceType, String payload, Instant occurredAt,
        Long sequence, String traceparent) {
}
