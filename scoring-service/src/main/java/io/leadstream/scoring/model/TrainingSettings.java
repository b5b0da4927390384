package io.leadstream.scoring.model;

/**
 * How {@link Trainer} trains and measures a model.
 *
 * @param heldOutFraction share of the won and of the lost outcomes held out to measure the model (0–1, exclusive)
 * @param seed seeds the split, so the same outcomes always give the same model
 * @param minEachOutcome fewest won and fewest lost outcomes to train on at all
 * @param minCount fewest examples a categorical or set value needs to become a feature
 * @param lambda L2 penalty on the weights (positive)
 * @param maxIterations Newton iterations at most
 * @param tolerance stop when no parameter moves by more than this
 * @param maxPoints the model's points range, ±maxPoints
 */
public record TrainingSettings(double heldOutFraction, long seed, int minEachOutcome, int minCount, double lambda,
        int maxIterations, double tolerance, int maxPoints) {

    public static final long DEFAULT_SEED = 42;

    /** 20 % held out, seed 42, 10 won and 10 lost at least, minCount 3, lambda 1, ±20 points. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(TrainingSplit.DEFAULT_HELD_OUT_FRACTION, DEFAULT_SEED,
                TrainingSplit.DEFAULT_MIN_EACH_OUTCOME, FeatureEncoder.DEFAULT_MIN_COUNT,
                LogisticRegression.DEFAULT_LAMBDA, LogisticRegression.DEFAULT_MAX_ITERATIONS,
                LogisticRegression.DEFAULT_TOLERANCE, TrainedModel.DEFAULT_MAX_POINTS);
    }

    public TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(heldOutFraction, newSeed, minEachOutcome, minCount, lambda, maxIterations,
                tolerance, maxPoints);
    }

    public TrainingSettings withMinEachOutcome(int newMinEachOutcome) {
        return new TrainingSettings(heldOutFraction, seed, newMinEachOutcome, minCount, lambda, maxIterations,
                tolerance, maxPoints);
    }

    public TrainingSettings withLambda(double newLambda) {
        return new TrainingSettings(heldOutFraction, seed, minEachOutcome, minCount, newLambda, maxIterations,
                tolerance, maxPoints);
    }

    public TrainingSettings withMaxPoints(int newMaxPoints) {
        return new TrainingSettings(heldOutFraction, seed, minEachOutcome, minCount, lambda, maxIterations,
                tolerance, newMaxPoints);
    }
}
