package io.leadstream.insights.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.insights.periods.Buckets;
import io.leadstream.insights.periods.Period;
import io.leadstream.insights.periods.TimeRange;
import io.leadstream.insights.rollups.DaySlices.Days;
import io.leadstream.insights.rollups.DaySlices.Part;

class DaySlicesTest {

    private static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void shouldReadWholeUtcDaysFromTheRollupsAndTheEndsFromTheFacts() {
        DaySlices slices = DaySlices.of(range("2039-01-02T07:30:00Z", "2039-01-11T18:00:00Z"));

        assertThat(slices.days()).containsExactly(new Days(0, LocalDate.parse("2039-01-03"),
                LocalDate.parse("2039-01-11")));
        assertThat(slices.parts()).containsExactly(
                new Part(0, Instant.parse("2039-01-02T07:30:00Z"), Instant.parse("2039-01-03T00:00:00Z")),
                new Part(0, Instant.parse("2039-01-11T00:00:00Z"), Instant.parse("2039-01-11T18:00:00Z")));
    }

    @Test
    void shouldNeedNoFactsForARangeOfWholeDays() {
        DaySlices slices = DaySlices.of(range("2039-01-01T00:00:00Z", "2039-02-01T00:00:00Z"));

        assertThat(slices.days()).containsExactly(new Days(0, LocalDate.parse("2039-01-01"),
                LocalDate.parse("2039-02-01")));
        assertThat(slices.parts()).isEmpty();
    }

    @Test
    void shouldCutTheWholeMonthsOutOfTheDays() {
        DaySlices slices = DaySlices.of(range("2038-12-15T06:00:00Z", "2039-03-10T00:00:00Z"));

        assertThat(slices.days()).containsExactly(
                new Days(0, LocalDate.parse("2038-12-16"), LocalDate.parse("2039-01-01")),
                new Days(0, LocalDate.parse("2039-01-01"), LocalDate.parse("2039-03-01")),
                new Days(0, LocalDate.parse("2039-03-01"), LocalDate.parse("2039-03-10")));
        assertThat(slices.parts()).containsExactly(new Part(0, Instant.parse("2038-12-15T06:00:00Z"),
                Instant.parse("2038-12-16T00:00:00Z")));
        // no whole month: one span of days
        assertThat(DaySlices.of(range("2039-01-02T00:00:00Z", "2039-02-28T00:00:00Z")).days())
                .containsExactly(new Days(0, LocalDate.parse("2039-01-02"), LocalDate.parse("2039-02-28")));
    }

    @Test
    void shouldReadARangeWithoutAWholeUtcDayFromTheFactsAlone() {
        // a day in Berlin: 23:00 UTC to 23:00 UTC, two parts of UTC days and no whole one
        assertThat(DaySlices.of(range("2039-01-01T23:00:00Z", "2039-01-02T23:00:00Z")))
                .isEqualTo(new DaySlices(List.of(), List.of(new Part(0, Instant.parse("2039-01-01T23:00:00Z"),
                        Instant.parse("2039-01-02T23:00:00Z")))));
        // within one day
        assertThat(DaySlices.of(range("2039-01-01T08:00:00Z", "2039-01-01T09:00:00Z")).parts()).hasSize(1);
        // empty
        assertThat(DaySlices.of(range("2039-01-01T08:00:00Z", "2039-01-01T08:00:00Z")))
                .isEqualTo(new DaySlices(List.of(), List.of()));
    }

    @Test
    void shouldNumberTheSlicesOfEachBucket() {
        // months in Berlin: each starts at 23:00 (22:00 in summer) UTC the day before
        Buckets months = Buckets.covering(Instant.parse("2038-12-31T23:00:00Z"), Instant.parse("2039-04-30T22:00:00Z"),
                Period.MONTH, ZoneId.of("Europe/Berlin"));
        DaySlices slices = DaySlices.of(months.list().stream().map(b -> new TimeRange(b.from(), b.to())).toList());

        assertThat(slices.days()).extracting(Days::n).containsExactly(0, 1, 2, 3);
        assertThat(slices.days().get(2)).isEqualTo(new Days(2, LocalDate.parse("2039-03-01"),
                LocalDate.parse("2039-03-31")));
        // March ends at 22:00 UTC on the 31st (summer time from the 27th), April starts there
        assertThat(slices.parts()).contains(
                new Part(2, Instant.parse("2039-03-31T00:00:00Z"), Instant.parse("2039-03-31T22:00:00Z")),
                new Part(3, Instant.parse("2039-03-31T22:00:00Z"), Instant.parse("2039-04-01T00:00:00Z")));
        assertThat(slices.parts()).hasSize(8);
    }

    @Test
    void shouldReadEverythingFromTheFactsWhenAskedTo() {
        DaySlices slices = DaySlices.factsOnly(List.of(range("2039-01-01T00:00:00Z", "2039-02-01T00:00:00Z"),
                range("2039-02-01T00:00:00Z", "2039-02-01T00:00:00Z")));

        assertThat(slices.days()).isEmpty();
        assertThat(slices.parts()).containsExactly(new Part(0, Instant.parse("2039-01-01T00:00:00Z"),
                Instant.parse("2039-02-01T00:00:00Z")));
    }
}
