package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' own reading of scoring's {@code leadstream.lead.scored.v1} (tolerant: unknown fields are
 * ignored). Checked against scoring's JSON Schema in EventContractsTest.
 */
@EventType("lead.scored")
public record LeadScoredEvent(UUID leadId, Integer score, String grade, Boolean qualified, Instant qualifiedAt,
        Instant scoredAt) {
}
