package io.leadstream.scoring.model;

import java.util.List;

/**
 * Trains the predictive model from won/lost outcomes: splits off a held-out set (stratified, seeded), fits the encoder
 * and the logistic regression on the rest, and measures the model on the held-out set. Stateless; the same outcomes in
 * the same order with the same settings give the same model.
 */
public final class Trainer {

    /**
     * @throws NotEnoughOutcomesException when there are fewer than {@code settings.minEachOutcome()} won or lost
     *         outcomes
     */
    public Training train(List<Outcome> outcomes, TrainingSettings settings) {
        TrainingSplit split = TrainingSplit.stratified(outcomes, settings.heldOutFraction(), settings.seed(),
                settings.minEachOutcome());
        FeatureEncoder encoder = FeatureEncoder.fit(split.training().stream().map(Outcome::attributes).toList(),
                settings.minCount());
        TrainedModel model = new LogisticRegression(settings.lambda(), settings.maxIterations(), settings.tolerance())
                .train(split.training(), encoder)
                .withMaxPoints(settings.maxPoints());
        ModelQuality quality = ModelQuality.evaluate(model, split.heldOut());
        return new Training(model, quality, split.training().size(), split.heldOut().size());
    }
}
