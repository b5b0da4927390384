package io.leadstream.insights.periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    @ParameterizedTest(name = "{0} {1} starts {2}, is called {3}, next starts {4}")
    @CsvSource({
            "DAY, 2026-12-04, 2026-12-04, 2026-12-04, 2026-12-05",
            // ISO weeks start on Monday and are named by their week-based year
            "WEEK, 2026-12-04, 2026-11-30, 2026-W49, 2026-12-07",
            "WEEK, 2027-01-01, 2026-12-28, 2026-W53, 2027-01-04",
            "WEEK, 2026-01-01, 2025-12-29, 2026-W01, 2026-01-05",
            "MONTH, 2026-02-28, 2026-02-01, 2026-02, 2026-03-01",
            "QUARTER, 2026-01-01, 2026-01-01, 2026-Q1, 2026-04-01",
            "QUARTER, 2026-06-30, 2026-04-01, 2026-Q2, 2026-07-01",
            "QUARTER, 2026-08-15, 2026-07-01, 2026-Q3, 2026-10-01",
            "QUARTER, 2026-12-31, 2026-10-01, 2026-Q4, 2027-01-01" })
    void periodsStartAreNamedAndFollowEachOther(Period period, LocalDate date, LocalDate start, String label,
            LocalDate next) {
        assertThat(period.start(date)).isEqualTo(start);
        assertThat(period.label(start)).isEqualTo(label);
        assertThat(period.next(start)).isEqualTo(next);
    }

    @Test
    void everyBucketIsThereEvenWhenNothingFallsInIt() {
        Buckets days = Buckets.covering(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-04T00:00:00Z"),
                Period.DAY, ZoneOffset.UTC);

        assertThat(days.list()).extracting(Bucket::label).containsExactly("2026-12-01", "2026-12-02", "2026-12-03");
        Map<Bucket, Long> filled = days.fill(Map.of(LocalDate.parse("2026-12-02"), 7L), b -> 0L);
        assertThat(filled.values()).containsExactly(0L, 7L, 0L);
    }

    @Test
    void bucketsFollowTheAskersCalendar() {
        // 23:30 UTC on 1 December is already 2 December in Berlin, and 12:30 on 2 December in Auckland
        Instant from = Instant.parse("2026-12-01T23:30:00Z");
        Instant to = Instant.parse("2026-12-02T23:30:00Z");

        assertThat(Buckets.covering(from, to, Period.DAY, ZoneOffset.UTC).list()).extracting(Bucket::label)
                .containsExactly("2026-12-01", "2026-12-02");
        Buckets berlin = Buckets.covering(from, to, Period.DAY, BERLIN);
        assertThat(berlin.list()).extracting(Bucket::label).containsExactly("2026-12-02", "2026-12-03");
        assertThat(berlin.list().get(0).from()).isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
        assertThat(Buckets.covering(from, to, Period.DAY, AUCKLAND).list()).extracting(Bucket::label)
                .containsExactly("2026-12-02", "2026-12-03");
    }

    @Test
    void aDaylightSavingDayLasts23Or25Hours() {
        Buckets spring = Buckets.covering(Instant.parse("2027-03-27T12:00:00Z"), Instant.parse("2027-03-29T12:00:00Z"),
                Period.DAY, BERLIN);
        assertThat(spring.list()).extracting(b -> Duration.between(b.from(), b.to()).toHours())
                .containsExactly(24L, 23L, 24L);
        Buckets autumn = Buckets.covering(Instant.parse("2026-10-24T12:00:00Z"), Instant.parse("2026-10-26T12:00:00Z"),
                Period.DAY, BERLIN);
        assertThat(autumn.list()).extracting(b -> Duration.between(b.from(), b.to()).toHours())
                .containsExactly(24L, 25L, 24L);
        // the instant after the change falls in its day
        assertThat(autumn.of(Instant.parse("2026-10-25T23:30:00Z")).label()).isEqualTo("2026-10-26");
        assertThat(autumn.of(Instant.parse("2026-10-25T22:30:00Z")).label()).isEqualTo("2026-10-25");
    }

    @Test
    void quartersAndMonthsCoverTheWholeRange() {
        Buckets quarters = Buckets.covering(Instant.parse("2026-02-10T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), Period.QUARTER, ZoneOffset.UTC);
        assertThat(quarters.list()).extracting(Bucket::label).containsExactly("2026-Q1", "2026-Q2", "2026-Q3",
                "2026-Q4");
        assertThat(quarters.list().get(0).from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(quarters.list().get(3).to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        // to is exclusive: a range ending at a month's first instant does not reach into that month
        assertThat(Buckets.covering(Instant.parse("2026-11-15T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                Period.MONTH, ZoneOffset.UTC).list()).extracting(Bucket::label).containsExactly("2026-11", "2026-12");
    }

    @Test
    void anEmptyRangeHasNoBucketsAndAHugeOneIsRefused() {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(Buckets.covering(at, at, Period.DAY, ZoneOffset.UTC).list()).isEmpty();
        assertThat(Buckets.covering(at, at.plusSeconds(1), Period.DAY, ZoneOffset.UTC).list()).hasSize(1);
        assertThatThrownBy(() -> Buckets.covering(Instant.parse("2000-01-01T00:00:00Z"), at, Period.DAY,
                ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Buckets.covering(Instant.parse("2000-01-01T00:00:00Z"), at, Period.MONTH, ZoneOffset.UTC).list())
                .hasSize(323);
        assertThatThrownBy(() -> Buckets.covering(at, at.minusSeconds(1), Period.DAY, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAPeriodInAnyCase() {
        assertThat(Period.of("week")).isEqualTo(Period.WEEK);
        assertThat(Period.of(" Quarter ")).isEqualTo(Period.QUARTER);
        assertThat(Period.of("fortnight")).isNull();
        assertThat(Period.of(null)).isNull();
        assertThat(List.of(Period.values())).hasSize(4);
    }
}
