package io.leadstream.scoring.scores;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;


/** {@code leadstream.lead.scored.v1} (schema: {@code events/lead.scored.v1.json}). No personal data. */
@EventType("lead.scored")
public record LeadScored(UUID leadId, int score, String grade, int fit, int engagement, int dataQuality,
        List<String> reasonCodes, String modelVersion, String trigger, Instant scoredAt) implements DomainEvent {

    public static LeadScored of(LeadScore s) {
        return new LeadScored(s.leadId, s.score, s.grade, s.fit, s.engagement, s.dataQuality,
                s.reasons.items().stream().map(LeadScore.Reason::code).toList(), s.modelVersion, s.triggerEvent, s.scoredAt);
    }
}
