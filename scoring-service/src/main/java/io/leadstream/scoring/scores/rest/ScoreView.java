package io.leadstream.scoring.scores.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.engine.Reason;
import io.leadstream.scoring.scores.LeadScore;

/** A lead's score as the API shows it: 0-100, grade A-D, its parts and every reason (they add up to the score). */
@Schema(name = "Score")
public record ScoreView(UUID leadId,
        @Schema(minimum = "0", maximum = "100") int score,
        @Schema(enumeration = { "A", "B", "C", "D" }) String grade,
        @Schema(description = "points from fit rules and the credit check") int fit,
        @Schema(description = "recency-weighted engagement points") int engagement,
        @Schema(description = "points from data-quality checks") int dataQuality,
        @Schema(description = "points from the active predictive model (0 without one)") int model,
        List<ReasonView> reasons,
        @Schema(description = "the lead reached the qualification threshold (MQL hand-off); it stays qualified")
        boolean qualified,
        @Schema(nullable = true) Instant qualifiedAt,
        @Schema(description = "rules version, plus the predictive model when one contributed", examples = "rules-v3+model-v2")
        String modelVersion,
        int rulesVersion,
        @Schema(description = "what caused this score", examples = "lead.updated") String trigger,
        Instant scoredAt) {

    @Schema(name = "ScoreReason", description = "one contribution to the score")
    public record ReasonView(@Schema(examples = "EMAIL_CORPORATE") String code,
            @Schema(enumeration = { "DATA_QUALITY", "FIT", "ENGAGEMENT", "MODEL", "BOUNDS" }) String part,
            @Schema(examples = "7") int points,
            @Schema(examples = "corporate email domain") String detail) {

        static List<ReasonView> of(List<Reason> reasons) {
            return reasons.stream().map(r -> new ReasonView(r.code(), r.part().name(), r.points(), r.detail())).toList();
        }
    }

    public static ScoreView of(LeadScore s) {
        return new ScoreView(s.leadId, s.score, s.grade, s.fit, s.engagement, s.dataQuality, s.model,
                ReasonView.of(s.reasons.items()), s.qualified, s.qualifiedAt, s.modelVersion, s.rulesVersion,
                s.triggerEvent, s.scoredAt);
    }
}
