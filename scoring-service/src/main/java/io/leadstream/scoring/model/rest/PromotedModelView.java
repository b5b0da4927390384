package io.leadstream.scoring.model.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.model.PredictiveModels;

/** A promoted model and the background job re-scoring every lead with it. */
@Schema(name = "PromotedScoringModel")
public record PromotedModelView(ScoringModelView model,
        @Schema(description = "the re-scoring job") UUID rescoreJobId,
        @Schema(description = "where the job's progress is read", examples = "/api/scoring/rules/jobs/"
                + "3f2b7c1e-9d4a-4e8b-a6f0-2c5d8e9b1a47") String rescoreJobUrl) {

    static final String JOBS = "/api/scoring/rules/jobs/";

    static PromotedModelView of(PredictiveModels.Promoted promoted) {
        return new PromotedModelView(ScoringModelView.of(promoted.model(), null), promoted.rescoreJob(),
                JOBS + promoted.rescoreJob());
    }
}
