package io.leadstream.nurture.history;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of scoring's {@code leadstream.lead.scored.v1}: the score, grade and qualification, and what
 * re-scored the lead, for its timeline (tolerant: the parts, reasons and unknown fields are ignored). Checked against
 * scoring's JSON Schema in HistoryEventContractsTest.
 */
@EventType("lead.scored")
public record LeadScoredEvent(UUID leadId, Integer score, String grade, Boolean qualified, String trigger,
        String modelVersion, Instant scoredAt) {
}
