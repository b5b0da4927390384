package io.leadstream.scoring.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How well a model does on outcomes it did not learn from. A value, serialisable with Jackson.
 *
 * @param count the outcomes evaluated
 * @param won of which won
 * @param lost of which lost
 * @param auc the chance that a random won lead gets a higher probability than a random lost one (ties count half):
 *        1 ranks perfectly, 0.5 is guessing
 * @param logLoss mean −log of the probability given to what happened (probabilities clipped to [1e-15, 1 − 1e-15]);
 *        lower is better, guessing 0.5 scores ln 2 ≈ 0.693
 * @param brier mean squared difference between probability and outcome (1 won, 0 lost); lower is better
 * @param calibration per band of predicted probability: how many, the mean predicted and the observed won rate
 */
public record ModelQuality(int count, int won, int lost, double auc, double logLoss, double brier,
        List<Band> calibration) {

    /** The band edges used by {@link #evaluate(TrainedModel, List)}: quarters of [0, 1]. */
    public static final List<Double> DEFAULT_BAND_EDGES = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

    private static final double CLIP = 1e-15;

    /**
     * The outcomes whose predicted probability is in [from, to) — [from, to] for the last band. The means are null
     * when the band is empty.
     */
    public record Band(double from, double to, int count, Double meanPredicted, Double observedWonRate) {
    }

    public ModelQuality {
        calibration = List.copyOf(calibration);
    }

    /** Evaluates with {@link #DEFAULT_BAND_EDGES}. */
    public static ModelQuality evaluate(TrainedModel model, List<Outcome> heldOut) {
        return evaluate(model, heldOut, DEFAULT_BAND_EDGES);
    }

    /**
     * Evaluates the model on the held-out outcomes, which must hold at least one won and one lost (AUC compares the
     * two). {@code bandEdges} rise from 0 to 1.
     */
    public static ModelQuality evaluate(TrainedModel model, List<Outcome> heldOut, List<Double> bandEdges) {
        double[] predicted = new double[heldOut.size()];
        boolean[] won = new boolean[heldOut.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = model.probability(heldOut.get(i).attributes());
            won[i] = heldOut.get(i).won();
        }
        return of(predicted, won, bandEdges);
    }

    /** The quality of these predictions of these outcomes. */
    public static ModelQuality of(double[] predicted, boolean[] won, List<Double> bandEdges) {
        double auc = auc(predicted, won);
        int wonCount = 0;
        double logLoss = 0;
        double brier = 0;
        for (int i = 0; i < predicted.length; i++) {
            double p = Math.min(Math.max(predicted[i], CLIP), 1 - CLIP);
            double y = won[i] ? 1 : 0;
            wonCount += won[i] ? 1 : 0;
            logLoss -= won[i] ? Math.log(p) : Math.log(1 - p);
            brier += (predicted[i] - y) * (predicted[i] - y);
        }
        int n = predicted.length;
        return new ModelQuality(n, wonCount, n - wonCount, auc, logLoss / n, brier / n,
                calibration(predicted, won, bandEdges));
    }

    /**
     * Area under the ROC curve by ranks (Mann–Whitney U): the share of (won, lost) pairs in which the won one has the
     * higher prediction, a tie counting half.
     */
    public static double auc(double[] predicted, boolean[] won) {
        if (predicted.length != won.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + won.length + " outcomes");
        }
        int n = predicted.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
        double wonRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && predicted[order[j + 1]] == predicted[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based; tied predictions share their mean rank
            for (int k = i; k <= j; k++) {
                if (won[order[k]]) {
                    wonRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs at least one won and one lost outcome; there are "
                    + positives + " won and " + negatives + " lost");
        }
        double u = wonRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    private static List<Band> calibration(double[] predicted, boolean[] won, List<Double> edges) {
        if (edges.size() < 2 || edges.get(0) != 0.0 || edges.get(edges.size() - 1) != 1.0) {
            throw new IllegalArgumentException("band edges run from 0 to 1, were " + edges);
        }
        List<Band> bands = new ArrayList<>();
        for (int b = 0; b + 1 < edges.size(); b++) {
            double from = edges.get(b);
            double to = edges.get(b + 1);
            if (!(to > from)) {
                throw new IllegalArgumentException("band edges must rise, were " + edges);
            }
            boolean last = b + 2 == edges.size();
            int count = 0;
            int wonCount = 0;
            double sum = 0;
            for (int i = 0; i < predicted.length; i++) {
                double p = predicted[i];
                if (p >= from && (p < to || last && p <= to)) {
                    count++;
                    sum += p;
                    wonCount += won[i] ? 1 : 0;
                }
            }
            bands.add(count == 0 ? new Band(from, to, 0, null, null)
                    : new Band(from, to, count, sum / count, (double) wonCount / count));
        }
        return bands;
    }
}
