package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** insights' reading of distribution's {@code leadstream.lead.queued.v1}. Checked in EventContractsTest. */
@EventType("lead.queued")
public record LeadQueuedEvent(UUID leadId, String queue, Instant queuedAt) {
}
