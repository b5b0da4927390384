package io.leadstream.scoring.scores;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;
import io.leadstream.scoring.engine.Reason;

/**
 * {@code leadstream.lead.scored.v1} (schema: {@code events/lead.scored.v1.json}): a lead's score moved. Carries every
 * reason and the qualification (the MQL hand-off); no personal data.
 */
@EventType("lead.scored")
public record LeadScored(UUID leadId, int score, String grade, int fit, int engagement, int dataQuality, int model,
        List<String> reasonCodes, List<ReasonItem> reasons, boolean qualified, Instant qualifiedAt,
        String modelVersion, int rulesVersion, String trigger, Instant scoredAt) implements DomainEvent {

    /** A reason as the event carries it. */
    public record ReasonItem(String code, Reason.Part part, int points, String detail) {
    }

    public static LeadScored of(LeadScore s) {
        List<Reason> reasons = s.reasons.items();
        return new LeadScored(s.leadId, s.score, s.grade, s.fit, s.engagement, s.dataQuality, s.model,
                reasons.stream().map(Reason::code).toList(),
                reasons.stream().map(r -> new ReasonItem(r.code(), r.part(), r.points(), r.detail())).toList(),
                s.qualified, s.qualifiedAt, s.modelVersion, s.rulesVersion, s.triggerEvent, s.scoredAt);
    }
}
