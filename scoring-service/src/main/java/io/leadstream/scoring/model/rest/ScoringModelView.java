package io.leadstream.scoring.model.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.scoring.model.ModelQuality;
import io.leadstream.scoring.model.ScoringModel;
import io.leadstream.scoring.model.Shadowing;

/** A stored predictive model as an admin reviews it: how it was trained, how good it is, what weighs most. */
@Schema(name = "ScoringModel", description = "a trained predictive model")
public record ScoringModelView(
        @Schema(examples = "2") int version,
        @Schema(enumeration = { "SHADOW", "ACTIVE", "RETIRED" }) String state,
        Instant trainedAt,
        @Schema(examples = "admin") String trainedBy,
        @Schema(nullable = true) Instant promotedAt,
        @Schema(nullable = true) String promotedBy,
        Samples samples,
        Quality quality,
        @Schema(description = "the 10 weights largest in size: log-odds of winning added by a feature (a category or "
                + "set member present, a flag true, a number one standard deviation above its mean)")
        List<Weight> topWeights,
        @Schema(description = "the shadow model only (absent otherwise): how its scores compare with the real ones")
        @JsonInclude(JsonInclude.Include.NON_NULL) ShadowingView shadowing) {

    static final int TOP_WEIGHTS = 10;

    @Schema(name = "ScoringModelSamples", description = "the won and lost leads the model learned from and was "
            + "measured on")
    public record Samples(int won, int lost,
            @Schema(description = "outcomes it learned from") int trainingSize,
            @Schema(description = "outcomes held out to measure it") int heldOutSize) {
    }

    @Schema(name = "ScoringModelQuality", description = "how well the model did on the held-out outcomes")
    public record Quality(int count, int won, int lost,
            @Schema(description = "chance that a won lead ranks above a lost one: 1 perfect, 0.5 guessing") double auc,
            @Schema(description = "mean -log probability of what happened; guessing scores 0.693") double logLoss,
            @Schema(description = "mean squared error of the probability") double brier,
            @Schema(description = "per band of predicted probability: predicted against observed won rate")
            List<Band> calibration) {
    }

    @Schema(name = "ScoringModelCalibrationBand")
    public record Band(double from, double to, int count,
            @Schema(nullable = true) Double meanPredicted,
            @Schema(nullable = true) Double observedWonRate) {
    }

    @Schema(name = "ScoringModelWeight")
    public record Weight(@Schema(examples = "products∋heat-pumps") String feature, double weight) {
    }

    static ScoringModelView of(ScoringModel m, Shadowing shadowing) {
        ModelQuality q = m.quality;
        return new ScoringModelView(m.version, m.state.name(), m.trainedAt, m.trainedBy, m.promotedAt, m.promotedBy,
                new Samples(m.won, m.lost, m.trainingSize, m.heldOutSize),
                new Quality(q.count(), q.won(), q.lost(), q.auc(), q.logLoss(), q.brier(),
                        q.calibration().stream().map(b -> new Band(b.from(), b.to(), b.count(), b.meanPredicted(),
                                b.observedWonRate())).toList()),
                m.model.largestWeights(TOP_WEIGHTS).stream().map(w -> new Weight(w.feature(), w.weight())).toList(),
                shadowing == null ? null : ShadowingView.of(shadowing));
    }
}
