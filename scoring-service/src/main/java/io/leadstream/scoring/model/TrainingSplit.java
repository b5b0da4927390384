package io.leadstream.scoring.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Outcomes cut into a training set and a held-out set for measuring the model, stratified: won and lost outcomes are
 * each shuffled with the seed and the same fraction of each is held out, so both sets keep the overall won rate. The
 * same outcomes in the same order with the same seed always give the same split; each set keeps the input order.
 */
public record TrainingSplit(List<Outcome> training, List<Outcome> heldOut) {

    public static final double DEFAULT_HELD_OUT_FRACTION = 0.2;
    public static final int DEFAULT_MIN_EACH_OUTCOME = 10;

    public TrainingSplit {
        training = List.copyOf(training);
        heldOut = List.copyOf(heldOut);
    }

    /**
     * Holds out {@code round(heldOutFraction · n)} of the n won and of the n lost outcomes, at least one of each and
     * never all of them.
     *
     * @throws NotEnoughOutcomesException when there are fewer than {@code minEachOutcome} won or lost outcomes
     */
    public static TrainingSplit stratified(List<Outcome> outcomes, double heldOutFraction, long seed,
            int minEachOutcome) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction is between 0 and 1 (exclusive), was "
                    + heldOutFraction);
        }
        if (minEachOutcome < 2) {
            throw new IllegalArgumentException("minEachOutcome must be at least 2 (one to train on, one to hold out), "
                    + "was " + minEachOutcome);
        }
        List<Integer> won = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            (outcomes.get(i).won() ? won : lost).add(i);
        }
        if (won.size() < minEachOutcome || lost.size() < minEachOutcome) {
            throw new NotEnoughOutcomesException(won.size(), lost.size(), minEachOutcome);
        }
        Random random = new Random(seed);
        boolean[] held = new boolean[outcomes.size()];
        holdOut(won, heldOutFraction, random, held);
        holdOut(lost, heldOutFraction, random, held);
        List<Outcome> training = new ArrayList<>();
        List<Outcome> heldOut = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            (held[i] ? heldOut : training).add(outcomes.get(i));
        }
        return new TrainingSplit(training, heldOut);
    }

    private static void holdOut(List<Integer> indexes, double fraction, Random random, boolean[] held) {
        Collections.shuffle(indexes, random);
        int count = (int) Math.max(1, Math.min(indexes.size() - 1, Math.round(fraction * indexes.size())));
        for (int k = 0; k < count; k++) {
            held[indexes.get(k)] = true;
        }
    }
}
