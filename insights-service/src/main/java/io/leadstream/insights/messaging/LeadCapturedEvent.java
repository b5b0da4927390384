package io.leadstream.insights.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * insights' own reading of capture's {@code leadstream.lead.captured.v1} (tolerant: unknown fields are
 * ignored). Checked against capture's JSON Schema in ProducerContractsTest.
 */
public record LeadCapturedEvent(UUID leadId, String source, Instant capturedAt) {
}
