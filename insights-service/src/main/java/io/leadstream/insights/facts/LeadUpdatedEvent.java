package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' reading of capture's {@code leadstream.lead.updated.v1}: the lead's dimensions as they are after the
 * update (country, segment, campaign, products). Checked against capture's JSON Schema in EventContractsTest.
 */
@EventType("lead.updated")
public record LeadUpdatedEvent(UUID leadId, String country, String segment, String campaign, List<String> products,
        Instant updatedAt) {
}
