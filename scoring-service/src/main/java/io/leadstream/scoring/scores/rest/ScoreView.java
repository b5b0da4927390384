package io.leadstream.scoring.scores.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.scores.LeadScore;

/** A lead's score as the API shows it: 0-100, grade A-D, its three parts and every reason. */
@Schema(name = "Score")
public record ScoreView(UUID leadId, int score, String grade, int fit, int engagement, int dataQuality,
        List<ReasonView> reasons, String modelVersion, String trigger, Instant scoredAt) {

    @Schema(name = "ScoreReason")
    public record ReasonView(String code, int points, String detail) {
    }

    public static ScoreView of(LeadScore s) {
        return new ScoreView(s.leadId, s.score, s.grade, s.fit, s.engagement, s.dataQuality,
                s.reasons.items().stream().map(r -> new ReasonView(r.code(), r.points(), r.detail())).toList(), s.modelVersion,
                s.triggerEvent, s.scoredAt);
    }
}
