package io.leadstream.insights.timeinstage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.insights.funnel.Stage;
import io.leadstream.insights.periods.TimeRange;
import io.leadstream.insights.timeinstage.TimeInStage.StageTimes;
import io.leadstream.insights.timeinstage.TimeInStageRepository.Durations;

class TimeInStageServiceTest {

    static final TimeRange RANGE = new TimeRange(Instant.parse("2034-01-01T00:00:00Z"),
            Instant.parse("2034-02-01T00:00:00Z"));

    @Test
    void shouldListEveryStageInOrderWithWholeSeconds() {
        TimeInStage t = TimeInStageService.assemble(RANGE, TimeInStageService.UTC, List.of(
                new Durations("CONTACTED", 2, 90.5, 7199.4), new Durations("OPEN", 3, 60.0, 120.0)));

        assertThat(t.stages()).extracting(StageTimes::stage).containsExactly(Stage.values());
        assertThat(t.stages().get(0)).isEqualTo(new StageTimes(Stage.OPEN, 3, 60L, 120L));
        assertThat(t.stages().get(1)).isEqualTo(new StageTimes(Stage.CONTACTED, 2, 91L, 7199L));
        assertThat(t.stages().get(7)).isEqualTo(new StageTimes(Stage.UNQUALIFIED, 0, null, null));
    }
}
