package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TrainerTest {

    private final Trainer trainer = new Trainer();

    @Test
    void shouldRankHeldOutLeadsWellWhenOutcomesFollowTheirAttributes() {
        Training training = trainer.train(GeneratedLeads.withSignal(2000, 7), TrainingSettings.defaults());

        assertThat(training.trainingSize()).isEqualTo(1600);
        assertThat(training.heldOutSize()).isEqualTo(400);
        assertThat(training.quality().count()).isEqualTo(400);
        assertThat(training.quality().auc()).isGreaterThan(0.75);
        // better than always saying the base rate
        double baseRate = (double) training.quality().won() / training.quality().count();
        double baseLogLoss = -(baseRate * Math.log(baseRate) + (1 - baseRate) * Math.log(1 - baseRate));
        assertThat(training.quality().logLoss()).isLessThan(baseLogLoss);
        assertThat(training.quality().brier()).isLessThan(baseRate * (1 - baseRate));
    }

    @Test
    void shouldGiveTheSignalFeaturesTheLargestPositiveWeightsAndTheNoiseSmallOnes() {
        TrainedModel model = trainer.train(GeneratedLeads.withSignal(2000, 7), TrainingSettings.defaults()).model();
        Map<String, Double> weights = weightsByName(model);

        List<String> largestThree = weights.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(3).map(Map.Entry::getKey).toList();
        assertThat(largestThree).containsExactlyInAnyOrderElementsOf(GeneratedLeads.SIGNAL);
        // near the generator's log-odds: 2 for heat pumps, 1.5 for corporate over free mail, 1 per sd of ln dealSize
        assertThat(weights.get("products∋heat-pumps")).isBetween(1.6, 2.4);
        assertThat(weights.get("emailDomainKind=CORPORATE") - weights.get("emailDomainKind=FREE")).isBetween(1.0, 2.0);
        assertThat(weights.get("dealSize")).isBetween(0.7, 1.3);

        // every noise feature has plenty of examples (LU, in about 1 lead in 1000, fell under minCount) and a weight
        // of about a third of the smallest signal weight at most (the generator gives them none)
        assertThat(weights).doesNotContainKey("country=LU");
        List<String> noise = weights.keySet().stream().filter(GeneratedLeads::isNoise).toList();
        assertThat(noise).hasSize(15).contains("country=DE", "source=web", "emailValid", "noiseScore", "products∋solar");
        noise.forEach(feature -> assertThat(Math.abs(weights.get(feature))).as(feature).isLessThan(0.35));
    }

    @Test
    void shouldPredictHigherWonRatesInHigherCalibrationBands() {
        ModelQuality quality = trainer.train(GeneratedLeads.withSignal(2000, 7), TrainingSettings.defaults())
                .quality();

        List<ModelQuality.Band> filled = quality.calibration().stream().filter(b -> b.count() >= 20).toList();
        assertThat(filled).hasSizeGreaterThanOrEqualTo(3);
        assertThat(filled).extracting(ModelQuality.Band::observedWonRate).isSorted();
        assertThat(filled.get(filled.size() - 1).observedWonRate() - filled.get(0).observedWonRate())
                .isGreaterThan(0.3);
        filled.forEach(band -> assertThat(band.meanPredicted()).isBetween(band.from(), band.to()));
        assertThat(quality.calibration().stream().mapToInt(ModelQuality.Band::count).sum()).isEqualTo(400);
    }

    @Test
    void shouldRankNoBetterThanGuessingWhenOutcomesIgnoreTheAttributes() {
        Training training = trainer.train(GeneratedLeads.withoutSignal(2000, 11), TrainingSettings.defaults());

        assertThat(training.quality().auc()).isBetween(0.4, 0.6);
        assertThat(training.quality().won() + training.quality().lost()).isEqualTo(400);
    }

    @Test
    void shouldTrainTheSameModelFromTheSameOutcomesAndSeed() {
        List<Outcome> outcomes = GeneratedLeads.withSignal(500, 3);

        Training first = trainer.train(outcomes, TrainingSettings.defaults());
        Training second = trainer.train(outcomes, TrainingSettings.defaults());
        Training otherSeed = trainer.train(outcomes, TrainingSettings.defaults().withSeed(4));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed.model().weights()).isNotEqualTo(first.model().weights());
    }

    @Test
    void shouldCarryTheSettingsIntoTheModel() {
        TrainingSettings settings = TrainingSettings.defaults().withLambda(5).withMaxPoints(12);
        TrainedModel model = trainer.train(GeneratedLeads.withSignal(500, 3), settings).model();

        assertThat(model.lambda()).isEqualTo(5);
        assertThat(model.maxPoints()).isEqualTo(12);
        assertThat(model.trainedOnWon() + model.trainedOnLost()).isEqualTo(400);
    }

    @Test
    void shouldShrinkWeightsWithAStrongerPenalty() {
        List<Outcome> outcomes = GeneratedLeads.withSignal(1000, 5);
        TrainedModel mild = trainer.train(outcomes, TrainingSettings.defaults()).model();
        TrainedModel strong = trainer.train(outcomes, TrainingSettings.defaults().withLambda(500)).model();

        assertThat(norm(strong)).isLessThan(norm(mild) / 2);
    }

    @Test
    void shouldRefuseToTrainOnTooFewOutcomes() {
        List<Outcome> outcomes = IntStream.range(0, 60)
                .mapToObj(i -> new Outcome(Map.of("emailValid", i % 2 == 0), i < 9)).toList();

        assertThatThrownBy(() -> trainer.train(outcomes, TrainingSettings.defaults()))
                .isInstanceOf(NotEnoughOutcomesException.class)
                .hasMessageContaining("at least 10 won and 10 lost")
                .hasMessageContaining("9 won and 51 lost");
        assertThat(trainer.train(outcomes, TrainingSettings.defaults().withMinEachOutcome(5)).trainingSize())
                .isEqualTo(48);
    }

    @Test
    void shouldExplainAPredictionByContributionsThatAddUpToItsLogOdds() {
        TrainedModel model = trainer.train(GeneratedLeads.withSignal(2000, 7), TrainingSettings.defaults()).model();
        Map<String, Object> lead = new HashMap<>(Map.of("products", List.of("heat-pumps", "solar"),
                "emailDomainKind", "CORPORATE", "dealSize", 20_000, "country", "FR", "emailValid", true));
        lead.put("source", null);

        List<Contribution> contributions = model.contributions(lead);
        double p = model.probability(lead);

        double sum = model.intercept() + contributions.stream().mapToDouble(Contribution::logOdds).sum();
        assertThat(sum).isCloseTo(Math.log(p / (1 - p)), within(1e-9));
        assertThat(contributions).extracting(c -> Math.abs(c.logOdds()))
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(contributions.get(0).feature()).isIn(GeneratedLeads.SIGNAL);
        assertThat(contributions).extracting(Contribution::feature)
                .contains("products∋heat-pumps", "emailDomainKind=CORPORATE", "dealSize")
                .noneMatch(f -> f.startsWith("source=") || f.equals("products∋boilers"));
    }

    private static Map<String, Double> weightsByName(TrainedModel model) {
        List<String> names = model.encoder().featureNames();
        Map<String, Double> weights = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            weights.put(names.get(j), model.weights().get(j));
        }
        return weights;
    }

    private static double norm(TrainedModel model) {
        return Math.sqrt(model.weights().stream().mapToDouble(w -> w * w).sum());
    }
}
