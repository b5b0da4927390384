package io.leadstream.scoring.model.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.model.PredictiveModels;
import io.leadstream.scoring.rules.RescoreJob;

/** A promoted model and the background job re-scoring every lead with it. */
@Schema(name = "PromotedScoringModel")
public record PromotedModelView(ScoringModelView model, Job job) {

    static final String JOBS = "/api/scoring/rules/jobs/";

    /** The re-scoring job: follow {@code href} for its progress. */
    @Schema(name = "PromotionRescoreJob")
    public record Job(UUID id,
            @Schema(description = "what started it; the trigger of every score it changes",
                    examples = "model-v2 promoted") String reason,
            @Schema(description = "where its progress is read",
                    examples = "/api/scoring/rules/jobs/0b6f2a8e-3c51-4f0e-9a57-2f4b8d1c9e70") String href) {
    }

    static PromotedModelView of(PredictiveModels.Promoted promoted) {
        RescoreJob job = promoted.job();
        return new PromotedModelView(ScoringModelView.of(promoted.model(), null),
                new Job(job.id, job.reason, JOBS + job.id));
    }
}
