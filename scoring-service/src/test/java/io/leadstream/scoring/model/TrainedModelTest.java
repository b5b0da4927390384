package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TrainedModelTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldPredictTheSameAfterARoundTripThroughJson() throws Exception {
        TrainedModel model = new Trainer().train(GeneratedLeads.withSignal(600, 21), TrainingSettings.defaults())
                .model();

        String stored = json.writeValueAsString(model);
        TrainedModel read = json.readValue(stored, TrainedModel.class);

        assertThat(stored).contains("\"heat-pumps\"", "\"dealSize\"", "\"CATEGORY\"");
        assertThat(read).isEqualTo(model);
        for (Outcome lead : GeneratedLeads.withSignal(50, 22)) {
            assertThat(read.probability(lead.attributes())).isEqualTo(model.probability(lead.attributes()));
            assertThat(read.contributions(lead.attributes())).isEqualTo(model.contributions(lead.attributes()));
            assertThat(read.points(lead.attributes())).isEqualTo(model.points(lead.attributes()));
        }
    }

    @Test
    void shouldListTheWeightsLargestInSizeFirst() {
        TrainedModel model = ActiveModelReasonsTest.MODEL.model();

        assertThat(model.largestWeights(2)).containsExactly(new TrainedModel.Weight("products∋heat-pumps", 2.0),
                new TrainedModel.Weight("emailDomainKind=CORPORATE", 1.5));
        assertThat(model.largestWeights(10)).extracting(TrainedModel.Weight::weight).containsExactly(2.0, 1.5, -1.0);
    }

    @Test
    void shouldMapProbabilityLinearlyToSignedPoints() {
        assertThat(TrainedModel.pointsFor(0.5, 20)).isZero();
        assertThat(TrainedModel.pointsFor(1.0, 20)).isEqualTo(20);
        assertThat(TrainedModel.pointsFor(0.0, 20)).isEqualTo(-20);
        assertThat(TrainedModel.pointsFor(0.75, 20)).isEqualTo(10);
        assertThat(TrainedModel.pointsFor(0.25, 20)).isEqualTo(-10);
        // half a point rounds away from zero on both sides, so p and 1 - p mirror each other
        assertThat(TrainedModel.pointsFor(0.625, 2)).isEqualTo(1);
        assertThat(TrainedModel.pointsFor(0.375, 2)).isEqualTo(-1);
        assertThatThrownBy(() -> TrainedModel.pointsFor(1.5, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldScoreALeadWithinItsPointsRange() {
        // one flag, weight 3, intercept -1: P(won | flag) = σ(2) ≈ 0.881, P(won | no flag) = σ(-1) ≈ 0.269
        FeatureEncoder encoder = new FeatureEncoder(3, List.of(new FeatureEncoder.Column("referred",
                FeatureEncoder.Kind.FLAG, null, 0, 1)));
        TrainedModel model = new TrainedModel(encoder, List.of(3.0), -1, 1, 10, 10, 20);

        assertThat(model.points(Map.of("referred", true))).isEqualTo(15);
        assertThat(model.points(Map.of("referred", false))).isEqualTo(-9);
        assertThat(model.withMaxPoints(10).points(Map.of("referred", true))).isEqualTo(8);
        assertThat(model.contributions(Map.of("referred", true))).containsExactly(new Contribution("referred", 3.0));
        assertThat(model.contributions(Map.of("referred", false))).isEmpty();
    }

    @Test
    void shouldRefuseWeightsThatDoNotMatchTheFeatures() {
        FeatureEncoder encoder = new FeatureEncoder(3, List.of(new FeatureEncoder.Column("referred",
                FeatureEncoder.Kind.FLAG, null, 0, 1)));

        assertThatThrownBy(() -> new TrainedModel(encoder, List.of(1.0, 2.0), 0, 1, 10, 10, 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 weights for 1 features");
    }
}
