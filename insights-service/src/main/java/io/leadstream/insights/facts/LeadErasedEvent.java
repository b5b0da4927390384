package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** insights' reading of capture's {@code leadstream.lead.erased.v1}. Checked in EventContractsTest. */
@EventType("lead.erased")
public record LeadErasedEvent(UUID leadId, Instant erasedAt) {
}
