package io.leadstream.insights.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * insights' own reading of scoring's {@code leadstream.lead.scored.v1} (tolerant: unknown fields are
 * ignored). Checked against scoring's JSON Schema in ProducerContractsTest.
 */
public record LeadScoredEvent(UUID leadId, Integer score, String grade, Instant scoredAt) {
}
