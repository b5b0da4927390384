package io.leadstream.chassis.outbox;

import java.time.Instant;
import java.util.UUID;

/** An outbox row claimed by the relay, ready to be sent. {@code ceType} is e.g. {@code leadstream.lead.captured.v1}. */
public record PendingEvent(UUID id, String aggregateId, String ceType, String payload, Instant occurredAt) {
}
