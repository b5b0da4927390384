package io.leadstream.distribution.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * distribution's own reading of scoring's {@code leadstream.lead.scored.v1} (tolerant: unknown fields are
 * ignored; only what assignment needs). Checked against scoring's JSON Schema in LeadScoredContractTest.
 */
public record LeadScoredEvent(UUID leadId, Integer score, String grade, Instant scoredAt) {
}
