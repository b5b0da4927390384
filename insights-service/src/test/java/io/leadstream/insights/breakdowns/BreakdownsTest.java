package io.leadstream.insights.breakdowns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadstream.insights.breakdowns.BreakdownRepository.ScoreRow;
import io.leadstream.insights.periods.TimeRange;

class BreakdownsTest {

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({ "0, 0-19", "19, 0-19", "20, 20-39", "59, 40-59", "60, 60-79", "79, 60-79", "80, 80-100",
            "100, 80-100", "120, 80-100", "-5, 0-19" })
    void everyScoreHasABand(int score, String band) {
        assertThat(ScoreBand.of(score).label()).isEqualTo(band);
    }

    @Test
    void sumsScoresIntoEveryBandAndKeepsTheUnscoredApart() {
        TimeRange range = new TimeRange(Instant.parse("2035-01-01T00:00:00Z"), Instant.parse("2035-02-01T00:00:00Z"));
        Breakdowns.ByScoreBand bands = Breakdowns.bands(range, List.of(new ScoreRow(85, new Conversion(2, 2, 1, 0)),
                new ScoreRow(90, new Conversion(2, 1, 1, 1)), new ScoreRow(10, new Conversion(4, 0, 0, 2)),
                new ScoreRow(null, new Conversion(3, 0, 0, 0))));

        assertThat(bands.bands().keySet()).extracting(ScoreBand::label)
                .containsExactly("0-19", "20-39", "40-59", "60-79", "80-100");
        assertThat(bands.bands().get(ScoreBand.ALL.get(4))).isEqualTo(new Conversion(4, 3, 2, 1));
        assertThat(bands.bands().get(ScoreBand.ALL.get(4)).rate()).isEqualTo(0.5);
        assertThat(bands.bands().get(ScoreBand.ALL.get(0)).rate()).isEqualTo(0.0);
        assertThat(bands.bands().get(ScoreBand.ALL.get(2))).isEqualTo(new Conversion(0, 0, 0, 0));
        assertThat(bands.bands().get(ScoreBand.ALL.get(2)).rate()).isNull();
        assertThat(bands.unscored()).isEqualTo(new Conversion(3, 0, 0, 0));
    }
}
