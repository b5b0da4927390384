package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TrainingSplitTest {

    @Test
    void shouldHoldOutTheSameShareOfWonAndOfLostOutcomes() {
        List<Outcome> outcomes = outcomes(100, 300);

        TrainingSplit split = TrainingSplit.stratified(outcomes, 0.2, 1, 10);

        assertThat(split.heldOut().stream().filter(Outcome::won).count()).isEqualTo(20);
        assertThat(split.heldOut().stream().filter(o -> !o.won()).count()).isEqualTo(60);
        assertThat(split.training().stream().filter(Outcome::won).count()).isEqualTo(80);
        assertThat(split.training().stream().filter(o -> !o.won()).count()).isEqualTo(240);
        List<Outcome> all = new ArrayList<>(split.training());
        all.addAll(split.heldOut());
        assertThat(all).containsExactlyInAnyOrderElementsOf(outcomes);
    }

    @Test
    void shouldSplitTheSameWayForTheSameSeedAndAnotherWayForAnother() {
        List<Outcome> outcomes = outcomes(100, 300);

        TrainingSplit first = TrainingSplit.stratified(outcomes, 0.2, 1, 10);
        TrainingSplit again = TrainingSplit.stratified(outcomes, 0.2, 1, 10);
        TrainingSplit other = TrainingSplit.stratified(outcomes, 0.2, 2, 10);

        assertThat(again).isEqualTo(first);
        assertThat(other.heldOut()).isNotEqualTo(first.heldOut());
    }

    @Test
    void shouldKeepTheInputOrderInBothSets() {
        List<Outcome> outcomes = outcomes(50, 50);
        TrainingSplit split = TrainingSplit.stratified(outcomes, 0.3, 9, 10);

        assertThat(split.training()).extracting(o -> (Integer) o.attributes().get("id")).isSorted();
        assertThat(split.heldOut()).extracting(o -> (Integer) o.attributes().get("id")).isSorted();
    }

    @Test
    void shouldHoldOutAtLeastOneOfEachAndNeverAll() {
        TrainingSplit tiny = TrainingSplit.stratified(outcomes(2, 2), 0.01, 1, 2);
        TrainingSplit most = TrainingSplit.stratified(outcomes(2, 2), 0.99, 1, 2);

        assertThat(tiny.heldOut()).extracting(Outcome::won).containsExactlyInAnyOrder(true, false);
        assertThat(most.training()).extracting(Outcome::won).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void shouldRefuseTooFewWonOutcomes() {
        assertThatThrownBy(() -> TrainingSplit.stratified(outcomes(9, 500), 0.2, 1, 10))
                .isInstanceOfSatisfying(NotEnoughOutcomesException.class, e -> {
                    assertThat(e.won()).isEqualTo(9);
                    assertThat(e.lost()).isEqualTo(500);
                    assertThat(e.minimum()).isEqualTo(10);
                })
                .hasMessage("the model needs at least 10 won and 10 lost outcomes to learn from; "
                        + "there are 9 won and 500 lost");
    }

    @Test
    void shouldRefuseTooFewLostOutcomes() {
        assertThatThrownBy(() -> TrainingSplit.stratified(outcomes(500, 3), 0.2, 1, 10))
                .isInstanceOf(NotEnoughOutcomesException.class).hasMessageContaining("3 lost");
        assertThat(TrainingSplit.stratified(outcomes(10, 10), 0.2, 1, 10).heldOut()).hasSize(4);
    }

    @Test
    void shouldRefuseAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> TrainingSplit.stratified(outcomes(50, 50), 1.0, 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction");
    }

    /** Won and lost taking turns while both last, so neither sits in one block of the input. */
    private static List<Outcome> outcomes(int won, int lost) {
        List<Outcome> outcomes = new ArrayList<>();
        int w = 0;
        int l = 0;
        while (w < won || l < lost) {
            boolean takeWon = w < won && (l >= lost || outcomes.size() % 2 == 0);
            outcomes.add(new Outcome(Map.of("id", outcomes.size()), takeWon));
            if (takeWon) {
                w++;
            } else {
                l++;
            }
        }
        return outcomes;
    }
}
