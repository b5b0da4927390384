package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' reading of nurture's {@code leadstream.message.sent.v1}: {@code sentBy} is the rep, or {@code sequence}
 * for a drip sequence's step. Checked in EventContractsTest.
 */
@EventType("message.sent")
public record MessageSentEvent(UUID leadId, String sentBy, Instant sentAt) {
}
