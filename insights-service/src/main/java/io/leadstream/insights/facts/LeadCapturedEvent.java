package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' own reading of capture's {@code leadstream.lead.captured.v1}: the lead's source, the partner that submitted
 * it, and what the figures break leads down by (country, segment, campaign, products); tolerant: the rest and unknown
 * fields are ignored. Checked against capture's JSON Schema in EventContractsTest.
 */
@EventType("lead.captured")
public record LeadCapturedEvent(UUID leadId, String source, String partnerId, String country, String segment,
        String campaign, List<String> products, Instant capturedAt) {
}
