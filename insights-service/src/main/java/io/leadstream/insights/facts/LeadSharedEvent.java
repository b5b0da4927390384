package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** insights' reading of distribution's {@code leadstream.lead.shared.v1}. Checked in EventContractsTest. */
@EventType("lead.shared")
public record LeadSharedEvent(UUID leadId, String partnerId, Instant sharedAt) {
}
