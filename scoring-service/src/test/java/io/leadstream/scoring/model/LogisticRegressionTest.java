package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void shouldFindTheLogOddsRatioOfOneFlagWhenBarelyPenalised() {
        // flag set: 30 won, 10 lost (odds 3); flag clear: 10 won, 30 lost (odds 1/3)
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.addAll(Collections.nCopies(30, new Outcome(Map.of("referred", true), true)));
        outcomes.addAll(Collections.nCopies(10, new Outcome(Map.of("referred", true), false)));
        outcomes.addAll(Collections.nCopies(10, new Outcome(Map.of("referred", false), true)));
        outcomes.addAll(Collections.nCopies(30, new Outcome(Map.of("referred", false), false)));

        TrainedModel model = new LogisticRegression(1e-9, 100, 1e-10).train(outcomes);

        assertThat(model.encoder().featureNames()).containsExactly("referred");
        assertThat(model.intercept()).isCloseTo(Math.log(1.0 / 3), within(1e-6));
        assertThat(model.weights().get(0)).isCloseTo(Math.log(9), within(1e-6));
        assertThat(model.probability(Map.of("referred", true))).isCloseTo(0.75, within(1e-6));
        assertThat(model.trainedOnWon()).isEqualTo(40);
        assertThat(model.trainedOnLost()).isEqualTo(40);
    }

    @Test
    void shouldPullTheWeightTowardsZeroButKeepTheBaseRateWhenPenalised() {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.addAll(Collections.nCopies(30, new Outcome(Map.of("referred", true), true)));
        outcomes.addAll(Collections.nCopies(10, new Outcome(Map.of("referred", true), false)));
        outcomes.addAll(Collections.nCopies(5, new Outcome(Map.of("referred", false), true)));
        outcomes.addAll(Collections.nCopies(35, new Outcome(Map.of("referred", false), false)));

        TrainedModel barely = new LogisticRegression(1e-9, 100, 1e-10).train(outcomes);
        TrainedModel penalised = new LogisticRegression(10, 100, 1e-10).train(outcomes);

        assertThat(penalised.weights().get(0)).isPositive().isLessThan(barely.weights().get(0) - 0.3);
        // the intercept is not penalised, so the mean prediction still equals the won rate
        double meanPredicted = outcomes.stream().mapToDouble(o -> penalised.probability(o.attributes())).average()
                .orElseThrow();
        assertThat(meanPredicted).isCloseTo(35.0 / 80, within(1e-6));
    }

    @Test
    void shouldKeepWeightsFiniteWhenAFeatureSeparatesTheOutcomesPerfectly() {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.addAll(Collections.nCopies(20, new Outcome(Map.of("referred", true), true)));
        outcomes.addAll(Collections.nCopies(20, new Outcome(Map.of("referred", false), false)));

        TrainedModel model = LogisticRegression.withDefaults().train(outcomes);

        // unpenalised, the weight would run off to infinity; lambda 1 holds it at a finite, still decisive size
        assertThat(model.weights().get(0)).isFinite().isBetween(2.0, 20.0);
        assertThat(model.probability(Map.of("referred", true))).isGreaterThan(0.75);
        assertThat(model.probability(Map.of("referred", false))).isLessThan(0.25);
    }

    @Test
    void shouldRefuseOutcomesOfOnlyOneKind() {
        List<Outcome> allWon = Collections.nCopies(20, new Outcome(Map.of("referred", true), true));

        assertThatThrownBy(() -> LogisticRegression.withDefaults().train(allWon))
                .isInstanceOf(NotEnoughOutcomesException.class)
                .hasMessageContaining("20 won and 0 lost");
    }

    @Test
    void shouldRefuseANonPositivePenalty() {
        assertThatThrownBy(() -> new LogisticRegression(0, 100, 1e-8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambda");
    }
}
