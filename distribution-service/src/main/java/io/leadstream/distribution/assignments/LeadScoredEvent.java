package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * distribution's own reading of scoring's {@code leadstream.lead.scored.v1} (tolerant: unknown fields are
 * ignored; only what assignment needs). Checked against scoring's JSON Schema in EventContractsTest.
 */
@EventType("lead.scored")
public record LeadScoredEvent(UUID leadId, Integer score, String grade, Boolean qualified, String trigger,
        Instant scoredAt) {

    /** The lead's first score: scoring answering capture's lead.captured. */
    public boolean firstScore() {
        return "lead.captured".equals(trigger);
    }

    public boolean qualifiedNow() {
        return Boolean.TRUE.equals(qualified);
    }
}
