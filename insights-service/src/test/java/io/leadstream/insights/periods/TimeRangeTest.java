package io.leadstream.insights.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.ProblemException;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void shouldDefaultToTheLast30DaysUpToNow() {
        TimeRange range = TimeRange.parse(null, null, NOW);
        assertThat(range.to()).isEqualTo(NOW);
        assertThat(range.from()).isEqualTo(Instant.parse("2026-10-23T10:15:30Z"));
    }

    @Test
    void shouldReadDatesAsTheStartOfThatDayInUtc() {
        TimeRange range = TimeRange.parse("2026-11-01", "2026-12-01", NOW);
        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void shouldReadInstantsWithAnyOffsetEvenWhenThePlusArrivedAsASpace() {
        assertThat(TimeRange.parse("2026-11-01T08:00:00Z", "2026-11-01T10:00:00 01:00", NOW))
                .isEqualTo(new TimeRange(Instant.parse("2026-11-01T08:00:00Z"), Instant.parse("2026-11-01T09:00:00Z")));
    }

    @Test
    void shouldCountBackFromAGivenEnd() {
        TimeRange range = TimeRange.parse("", "2026-12-01", NOW);
        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void shouldAcceptAnEmptyRange() {
        TimeRange range = TimeRange.parse("2026-11-01", "2026-11-01", NOW);
        assertThat(range.from()).isEqualTo(range.to());
    }

    @Test
    void shouldRejectFromAfterTo() {
        assertThatThrownBy(() -> TimeRange.parse("2026-11-02", "2026-11-01", NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().type()).endsWith("/invalid-range");
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("from");
                });
    }

    @Test
    void shouldNameEachUnreadableEnd() {
        assertThatThrownBy(() -> TimeRange.parse("yesterday", "2026-13-01", NOW))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().type()).endsWith("/validation");
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactlyInAnyOrder("from", "to");
                });
    }
}
