package io.leadstream.scoring.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A fitted logistic regression: P(won) = σ(intercept + Σ weight<sub>j</sub> · x<sub>j</sub>) over the encoder's
 * columns x. A value, serialisable with Jackson (to store as jsonb and read back); {@code weights} is in the encoder's
 * column order.
 *
 * @param encoder how attributes become features
 * @param weights one weight per encoder column, in column order (log-odds per unit of the encoded feature)
 * @param intercept the log-odds of a lead whose features are all 0
 * @param lambda the L2 penalty the weights were trained with
 * @param trainedOnWon won outcomes in the training set
 * @param trainedOnLost lost outcomes in the training set
 * @param maxPoints the size of the {@link #points} range: a lead gets between -maxPoints and +maxPoints
 */
public record TrainedModel(FeatureEncoder encoder, List<Double> weights, double intercept, double lambda,
        int trainedOnWon, int trainedOnLost, int maxPoints) {

    public static final int DEFAULT_MAX_POINTS = 20;

    public TrainedModel {
        if (encoder == null || weights == null) {
            throw new IllegalArgumentException("a model needs its encoder and weights");
        }
        weights = List.copyOf(weights);
        if (weights.size() != encoder.size()) {
            throw new IllegalArgumentException("the model has " + weights.size() + " weights for "
                    + encoder.size() + " features");
        }
        if (maxPoints < 0) {
            throw new IllegalArgumentException("maxPoints must not be negative, was " + maxPoints);
        }
    }

    /** A feature's weight: the log-odds it adds per unit of its encoded value. */
    public record Weight(String feature, double weight) {
    }

    /** The {@code n} weights largest in size, largest first (ties by name). */
    public List<Weight> largestWeights(int n) {
        List<String> names = encoder.featureNames();
        List<Weight> all = new ArrayList<>();
        for (int j = 0; j < weights.size(); j++) {
            all.add(new Weight(names.get(j), weights.get(j)));
        }
        all.sort(Comparator.comparingDouble((Weight w) -> -Math.abs(w.weight())).thenComparing(Weight::feature));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** The same model with another points range. */
    public TrainedModel withMaxPoints(int points) {
        return new TrainedModel(encoder, weights, intercept, lambda, trainedOnWon, trainedOnLost, points);
    }

    /** The log-odds of the lead being won: intercept + Σ weight · feature. */
    public double logOdds(Map<String, ?> attributes) {
        double[] x = encoder.encode(attributes);
        double z = intercept;
        for (int j = 0; j < x.length; j++) {
            z += weights.get(j) * x[j];
        }
        return z;
    }

    /** P(won) for a lead with these attributes. */
    public double probability(Map<String, ?> attributes) {
        return sigmoid(logOdds(attributes));
    }

    /**
     * Why the model says what it says: each feature that moved this lead's log-odds, with its signed share, largest
     * first (ties by name). Features at 0 (absent categories, missing values, a number exactly at its training mean)
     * are left out. The contributions plus {@link #intercept} add up to {@link #logOdds}.
     */
    public List<Contribution> contributions(Map<String, ?> attributes) {
        double[] x = encoder.encode(attributes);
        List<String> names = encoder.featureNames();
        List<Contribution> contributions = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            double c = weights.get(j) * x[j];
            if (c != 0) {
                contributions.add(new Contribution(names.get(j), c));
            }
        }
        contributions.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.logOdds()))
                .thenComparing(Contribution::feature));
        return List.copyOf(contributions);
    }

    /** This lead's signed points, {@link #pointsFor(double, int)} of its probability with {@link #maxPoints}. */
    public int points(Map<String, ?> attributes) {
        return pointsFor(probability(attributes), maxPoints);
    }

    /**
     * Probability to signed points, linear: {@code round(maxPoints · (2p − 1))}, so p = 0.5 gives 0 (the model knows
     * nothing either way), p = 1 gives +maxPoints and p = 0 gives −maxPoints; rounded half away from zero, so the
     * mapping is symmetric (p and 1 − p give opposite points).
     */
    public static int pointsFor(double probability, int maxPoints) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a probability is between 0 and 1, was " + probability);
        }
        double signed = maxPoints * (2 * probability - 1);
        return (int) (Math.signum(signed) * Math.round(Math.abs(signed)));
    }

    static double sigmoid(double z) {
        // written two ways so that neither exp() overflows
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
