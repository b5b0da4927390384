package io.leadstream.scoring.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.scoring.LeadScore;

/** {@code leadstream.lead.scored.v1} (schema: {@code events/lead.scored.v1.json}). No personal data. */
public record LeadScored(UUID leadId, int score, String grade, int fit, int engagement, int dataQuality,
        List<String> reasonCodes, String modelVersion, String trigger, Instant scoredAt) {

    public static LeadScored of(LeadScore s) {
        return new LeadScored(s.leadId, s.score, s.grade, s.fit, s.engagement, s.dataQuality,
                s.reasons.items().stream().map(LeadScore.Reason::code).toList(), s.modelVersion, s.triggerEvent, s.scoredAt);
    }
}
