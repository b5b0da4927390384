package io.leadstream.scoring.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import io.smallrye.config.ConfigMapping;

/**
 * How the service trains its predictive model ({@code leadstream.scoring.model.*}, values in application.properties);
 * checked at start-up. The rest of {@link TrainingSettings} keeps its defaults. How far the model moves a score is not
 * here: it is the rules' {@code modelMaxPoints}.
 */
@ConfigMapping(prefix = "leadstream.scoring.model")
public interface ModelSettings {

    /** Share of the won and of the lost outcomes held out to measure the model, between 0 and 1. */
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax(value = "1", inclusive = false)
    double heldOutFraction();

    /** Seeds the split: the same outcomes give the same model. */
    long seed();

    /** Fewest won and fewest lost outcomes to train on at all (at least 2: one to learn from, one to hold out). */
    @Min(2)
    int minEachOutcome();

    /** L2 penalty on the weights: larger keeps them smaller. */
    @Positive
    double lambda();

    /** These settings, with {@link TrainingSettings#defaults()} for the rest. */
    default TrainingSettings training() {
        TrainingSettings defaults = TrainingSettings.defaults();
        return new TrainingSettings(heldOutFraction(), seed(), minEachOutcome(), defaults.minCount(), lambda(),
                defaults.maxIterations(), defaults.tolerance(), defaults.maxPoints());
    }
}
