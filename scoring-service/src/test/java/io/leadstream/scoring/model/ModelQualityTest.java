package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ModelQualityTest {

    @Test
    void shouldScoreAPerfectRankingOne() {
        assertThat(ModelQuality.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true}))
                .isEqualTo(1.0);
    }

    @Test
    void shouldScoreAReversedRankingZero() {
        assertThat(ModelQuality.auc(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.0);
    }

    @Test
    void shouldScoreAllTiesAHalf() {
        assertThat(ModelQuality.auc(new double[] {0.3, 0.3, 0.3, 0.3, 0.3},
                new boolean[] {true, false, false, true, false})).isEqualTo(0.5);
    }

    @Test
    void shouldCountTheWonLeadsRankedAboveLostOnesByHand() {
        // won at 0.35 and 0.8, lost at 0.1 and 0.4: of 4 pairs, 0.35 < 0.4 is the only one ranked wrong
        assertThat(ModelQuality.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.75);
        // won at 0.5 and 0.7, lost at 0.3 and 0.5: three pairs right, one tied (half): 3.5 / 4
        assertThat(ModelQuality.auc(new double[] {0.3, 0.5, 0.5, 0.7}, new boolean[] {false, true, false, true}))
                .isEqualTo(0.875);
    }

    @Test
    void shouldRefuseAucWithoutBothOutcomes() {
        assertThatThrownBy(() -> ModelQuality.auc(new double[] {0.2, 0.7}, new boolean[] {true, true}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 won and 0 lost");
    }

    @Test
    void shouldMeasureLogLossBrierAndCountsByHand() {
        ModelQuality quality = ModelQuality.of(new double[] {0.8, 0.4}, new boolean[] {true, false},
                ModelQuality.DEFAULT_BAND_EDGES);

        assertThat(quality.count()).isEqualTo(2);
        assertThat(quality.won()).isEqualTo(1);
        assertThat(quality.lost()).isEqualTo(1);
        assertThat(quality.auc()).isEqualTo(1.0);
        assertThat(quality.logLoss()).isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-12));
        assertThat(quality.brier()).isCloseTo((0.04 + 0.16) / 2, within(1e-12));
    }

    @Test
    void shouldClipCertainWrongPredictionsInTheLogLoss() {
        ModelQuality quality = ModelQuality.of(new double[] {0.0, 1.0}, new boolean[] {true, false},
                ModelQuality.DEFAULT_BAND_EDGES);

        assertThat(quality.logLoss()).isFinite().isCloseTo(-Math.log(1e-15), within(1e-3));
        assertThat(quality.brier()).isEqualTo(1.0);
    }

    @Test
    void shouldGroupPredictionsIntoBandsWithTheLastOneClosed() {
        ModelQuality quality = ModelQuality.of(new double[] {0.1, 0.2, 0.5, 0.6, 1.0, 0.9},
                new boolean[] {false, true, false, true, true, true}, ModelQuality.DEFAULT_BAND_EDGES);

        List<ModelQuality.Band> bands = quality.calibration();
        assertThat(bands).extracting(ModelQuality.Band::from).containsExactly(0.0, 0.25, 0.5, 0.75);
        assertThat(bands).extracting(ModelQuality.Band::to).containsExactly(0.25, 0.5, 0.75, 1.0);
        assertThat(bands).extracting(ModelQuality.Band::count).containsExactly(2, 0, 2, 2);
        assertThat(bands).extracting(ModelQuality.Band::observedWonRate).containsExactly(0.5, null, 0.5, 1.0);
        assertThat(bands.get(0).meanPredicted()).isCloseTo(0.15, within(1e-12));
        assertThat(bands.get(1).meanPredicted()).isNull();
        assertThat(bands.get(2).meanPredicted()).isCloseTo(0.55, within(1e-12));
        assertThat(bands.get(3).meanPredicted()).isCloseTo(0.95, within(1e-12));
    }

    @Test
    void shouldRoundTripThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelQuality quality = ModelQuality.of(new double[] {0.1, 0.2, 0.6, 0.9},
                new boolean[] {false, true, false, true}, ModelQuality.DEFAULT_BAND_EDGES);

        ModelQuality read = json.readValue(json.writeValueAsString(quality), ModelQuality.class);

        assertThat(read).isEqualTo(quality);
    }

    @Test
    void shouldRefuseBandsThatDoNotCoverZeroToOne() {
        assertThatThrownBy(() -> ModelQuality.of(new double[] {0.1, 0.9}, new boolean[] {false, true},
                List.of(0.0, 0.5))).isInstanceOf(IllegalArgumentException.class);
    }
}
