package io.leadstream.insights.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.insights.funnel.Funnel.Filters;
import io.leadstream.insights.funnel.Funnel.StageCount;
import io.leadstream.insights.funnel.FunnelRepository.Counted;
import io.leadstream.insights.periods.TimeRange;

class FunnelTest {

    static final TimeRange RANGE = new TimeRange(Instant.parse("2033-01-01T00:00:00Z"),
            Instant.parse("2033-02-01T00:00:00Z"));
    static final Filters ANY = new Filters(null, null, null);

    @Test
    void shouldCountALeadAsReachingEveryEarlierStageOfTheMainPath() {
        // one lead went OPEN straight to QUALIFIED, one became a customer, one is only OPEN
        Funnel f = Funnel.of(RANGE, ANY, Map.of(Stage.QUALIFIED, 1L, Stage.CUSTOMER, 1L, Stage.OPEN, 1L), 0, 0, 0);

        assertThat(f.stages()).extracting(StageCount::stage).containsExactly(Stage.OPEN, Stage.CONTACTED,
                Stage.NURTURING, Stage.QUALIFIED, Stage.NEGOTIATION, Stage.CUSTOMER);
        assertThat(f.stages()).extracting(StageCount::reached).containsExactly(3L, 2L, 2L, 2L, 1L, 1L);
        assertThat(f.cohort()).isEqualTo(3);
    }

    @Test
    void shouldDivideEachStageByTheOneBeforeToFourPlaces() {
        Funnel f = Funnel.of(RANGE, ANY, Map.of(Stage.OPEN, 1L, Stage.CONTACTED, 1L, Stage.NURTURING, 1L,
                Stage.CUSTOMER, 1L), 2, 0, 0);

        // reached: 4, 3, 2, 1, 1, 1 of a cohort of 6
        assertThat(f.stages()).extracting(StageCount::conversionToNext).containsExactly(0.75, 0.6667, 0.5, 1.0, 1.0,
                null);
        assertThat(f.conversion()).isEqualTo(0.1667);
    }

    @Test
    void shouldAnswerNullConversionsWhenNoLeadReachedAStage() {
        Funnel empty = Funnel.of(RANGE, ANY, Map.of(), 0, 0, 0);
        assertThat(empty.cohort()).isZero();
        assertThat(empty.stages()).extracting(StageCount::conversionToNext).containsOnlyNulls();
        assertThat(empty.conversion()).isNull();

        // captured, never opened: a cohort, none reached OPEN
        Funnel unopened = Funnel.of(RANGE, ANY, Map.of(), 2, 0, 0);
        assertThat(unopened.stages()).extracting(StageCount::reached).containsOnly(0L);
        assertThat(unopened.conversion()).isEqualTo(0.0);
    }

    @Test
    void shouldAddUpTheQueryRowsIntoOneFunnel() {
        Funnel f = FunnelService.assemble(RANGE, new Filters("solar", null, "web"), List.of(
                new Counted(null, 2, 0, 0), new Counted(Stage.OPEN, 3, 1, 1), new Counted(Stage.CONTACTED, 1, 0, 1)));

        assertThat(f.cohort()).isEqualTo(6);
        assertThat(f.stages()).extracting(StageCount::reached).containsExactly(4L, 1L, 0L, 0L, 0L, 0L);
        assertThat(f.stages()).extracting(StageCount::conversionToNext).containsExactly(0.25, 0.0, null, null, null,
                null);
        assertThat(f.unqualified()).isEqualTo(1);
        assertThat(f.inactive()).isEqualTo(2);
        assertThat(f.filters().product()).isEqualTo("solar");
    }

    @Test
    void shouldRefuseAWayOutAsTheFurthestStage() {
        assertThatThrownBy(() -> Funnel.of(RANGE, ANY, Map.of(Stage.INACTIVE, 1L), 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRankTheMainPathInOrderAndAWayOutAsEnteredFromOpen() {
        assertThat(Stage.pipeline()).extracting(Stage::rank).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Stage.INACTIVE.rank()).isEqualTo(1);
        assertThat(Stage.UNQUALIFIED.rank()).isEqualTo(1);
    }
}
