package io.leadstream.scoring.scores.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.scores.ScoreHistory;

/** Every score a lead had, oldest first, each with what caused it. */
@Schema(name = "ScoreHistory")
public record ScoreHistoryView(UUID leadId, List<Entry> changes) {

    @Schema(name = "ScoreChange")
    public record Entry(int score, String grade, int fit, int engagement, int dataQuality, int model,
            boolean qualified, List<ScoreView.ReasonView> reasons, String modelVersion,
            @Schema(description = "what caused the change", examples = "lead.merged") String trigger,
            @Schema(nullable = true, description = "e.g. qualified, or fell below the threshold") String note,
            Instant scoredAt) {
    }

    public static ScoreHistoryView of(UUID leadId, List<ScoreHistory> history) {
        return new ScoreHistoryView(leadId, history.stream().map(h -> new Entry(h.score, h.grade, h.fit, h.engagement,
                h.dataQuality, h.model, h.qualified, ScoreView.ReasonView.of(h.reasons.items()), h.modelVersion,
                h.triggerEvent, h.note, h.scoredAt)).toList());
    }
}
