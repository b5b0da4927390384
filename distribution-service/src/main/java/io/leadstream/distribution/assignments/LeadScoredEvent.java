package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * distribution's own reading of scoring's {@code leadstream.lead.scored.v1} (tolerant: unknown fields are
 * ignored; only what assignment needs). Checked against scoring's JSON Schema in EventContractsTest.
 */
@EventType("lead.scored")
public record LeadScoredEvent(UUID leadId, Integer score, String grade, Boolean qualified, Instant scoredAt) {

    public boolean qualifiedNow() {
        return Boolean.TRUE.equals(qualified);
    }
}
