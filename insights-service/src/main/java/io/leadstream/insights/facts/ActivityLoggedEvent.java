package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** insights' reading of nurture's {@code leadstream.activity.logged.v1}. Checked in EventContractsTest. */
@EventType("activity.logged")
public record ActivityLoggedEvent(UUID leadId, String kind, String direction, String source, Instant occurredAt) {
}
