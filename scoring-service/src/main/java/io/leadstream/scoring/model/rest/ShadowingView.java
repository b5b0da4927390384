package io.leadstream.scoring.model.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.model.Shadowing;

/** How a shadow model's scores compare with the real ones. */
@Schema(name = "ScoringModelShadowing")
public record ShadowingView(
        @Schema(description = "current scores that carry this model's shadow score") long scores,
        @Schema(nullable = true, description = "mean of shadow score minus real score over them; null without any")
        Double meanDifference) {

    static ShadowingView of(Shadowing shadowing) {
        return new ShadowingView(shadowing.scores(), shadowing.meanDifference());
    }
}
