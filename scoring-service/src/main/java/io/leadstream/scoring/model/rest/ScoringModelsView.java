package io.leadstream.scoring.model.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.model.PredictiveModels;

/** The model scoring uses and the one it is trying out. */
@Schema(name = "ScoringModels")
public record ScoringModelsView(
        @Schema(nullable = true, description = "the model whose points count in every score; null without one")
        ScoringModelView active,
        @Schema(nullable = true, description = "the model trying out in shadow; null without one")
        ScoringModelView shadow) {

    static ScoringModelsView of(PredictiveModels.Current current) {
        return new ScoringModelsView(current.active() == null ? null : ScoringModelView.of(current.active(), null),
                current.shadow() == null ? null : ScoringModelView.of(current.shadow(), current.shadowing()));
    }
}
