package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' own reading of capture's {@code leadstream.lead.captured.v1} (tolerant: unknown fields are
 * ignored). Checked against capture's JSON Schema in EventContractsTest.
 */
@EventType("lead.captured")
public record LeadCapturedEvent(UUID leadId, String source, Instant capturedAt) {
}
