package io.leadstream.distribution.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    static final BusinessCalendar BERLIN_OFFICE = BusinessCalendar.of(WorkingHours.officeHours(BERLIN));

    /** The instant the wall clock in {@code zone} reads {@code local} (2026-01-05T09:00); the earlier one in an overlap. */
    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    static TimeRange range(String from, String to) {
        return new TimeRange(LocalTime.parse(from), LocalTime.parse(to));
    }

    /** The same periods on every day of the week. */
    static BusinessCalendar everyDay(ZoneId zone, TimeRange... periods) {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(periods));
        }
        return BusinessCalendar.of(new WorkingHours(zone, week));
    }

    @Test
    void shouldKnowOfficeHoursAsMondayToFridayNineToFive() {
        WorkingHours office = WorkingHours.officeHours(BERLIN);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            assertThat(office.on(day)).containsExactly(range("09:00", "17:00"));
        }
        assertThat(office.on(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(office.on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(office.zone()).isEqualTo(BERLIN);
    }

    @Test
    void shouldBeOpenFromTheStartOfAPeriodUntilJustBeforeItsEnd() {
        // Monday 2026-01-05
        assertThat(BERLIN_OFFICE.isOpen(at("2026-01-05T08:59:59", BERLIN))).isFalse();
        assertThat(BERLIN_OFFICE.isOpen(at("2026-01-05T09:00", BERLIN))).isTrue();
        assertThat(BERLIN_OFFICE.isOpen(at("2026-01-05T16:59:59", BERLIN))).isTrue();
        assertThat(BERLIN_OFFICE.isOpen(at("2026-01-05T17:00", BERLIN))).isFalse();
        assertThat(BERLIN_OFFICE.isOpen(at("2026-01-10T11:00", BERLIN))).as("Saturday").isFalse();
        assertThat(BERLIN_OFFICE.isOpen(at("2026-01-11T11:00", BERLIN))).as("Sunday").isFalse();
    }

    @Test
    void shouldAnswerTheSameInstantDifferentlyInEachTimeZone() {
        BusinessCalendar newYork = BusinessCalendar.of(WorkingHours.officeHours(NEW_YORK));
        BusinessCalendar kolkata = BusinessCalendar.of(WorkingHours.officeHours(KOLKATA));

        Instant afternoonInEurope = utc("2026-01-05T14:00:00Z"); // Berlin 15:00, New York 09:00, Kolkata 19:30
        assertThat(BERLIN_OFFICE.isOpen(afternoonInEurope)).isTrue();
        assertThat(newYork.isOpen(afternoonInEurope)).isTrue();
        assertThat(kolkata.isOpen(afternoonInEurope)).isFalse();

        Instant morningInIndia = utc("2026-01-05T03:45:00Z"); // Kolkata 09:15, Berlin 04:45, New York 22:45 on Sunday
        assertThat(kolkata.isOpen(morningInIndia)).isTrue();
        assertThat(BERLIN_OFFICE.isOpen(morningInIndia)).isFalse();
        assertThat(newYork.isOpen(morningInIndia)).isFalse();

        Instant sundayEvening = utc("2026-01-04T22:00:00Z");
        assertThat(kolkata.nextOpening(sundayEvening)).contains(utc("2026-01-05T03:30:00Z")); // +05:30
        assertThat(BERLIN_OFFICE.nextOpening(sundayEvening)).contains(utc("2026-01-05T08:00:00Z"));
        assertThat(newYork.nextOpening(sundayEvening)).contains(utc("2026-01-05T14:00:00Z"));
    }

    @Test
    void shouldCountBusinessTimeOnTheHalfHourOffsetOfKolkata() {
        BusinessCalendar kolkata = BusinessCalendar.of(WorkingHours.officeHours(KOLKATA));

        assertThat(kolkata.plus(utc("2026-01-05T03:30:00Z"), Duration.ofHours(8))).isEqualTo(utc("2026-01-05T11:30:00Z"));
        assertThat(kolkata.plus(utc("2026-01-05T11:00:00Z"), Duration.ofHours(1))) // 16:30 IST
                .isEqualTo(utc("2026-01-06T04:00:00Z")); // Tuesday 09:30 IST
        assertThat(kolkata.between(utc("2026-01-05T00:00:00Z"), utc("2026-01-06T00:00:00Z"))).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void shouldStartCountingAtTheNextOpeningWhenStartedBeforeHours() {
        assertThat(BERLIN_OFFICE.plus(at("2026-01-05T07:00", BERLIN), Duration.ofHours(1)))
                .isEqualTo(at("2026-01-05T10:00", BERLIN));
    }

    @Test
    void shouldCountFromTheStartWhenStartedInsideHours() {
        assertThat(BERLIN_OFFICE.plus(at("2026-01-05T11:00", BERLIN), Duration.ofMinutes(90)))
                .isEqualTo(at("2026-01-05T12:30", BERLIN));
    }

    @Test
    void shouldCarryOverToTheNextDayWhenStartedAfterHours() {
        assertThat(BERLIN_OFFICE.plus(at("2026-01-05T18:00", BERLIN), Duration.ofHours(1)))
                .isEqualTo(at("2026-01-06T10:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(at("2026-01-05T16:00", BERLIN), Duration.ofHours(2)))
                .isEqualTo(at("2026-01-06T10:00", BERLIN));
    }

    @Test
    void shouldEndAtTheCloseWhenTheBusinessTimeRunsOutThere() {
        // the deadline is Friday 17:00, not Monday 09:00
        assertThat(BERLIN_OFFICE.plus(at("2026-01-09T16:00", BERLIN), Duration.ofHours(1)))
                .isEqualTo(at("2026-01-09T17:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(at("2026-01-05T09:00", BERLIN), Duration.ofHours(8)))
                .isEqualTo(at("2026-01-05T17:00", BERLIN));
    }

    @Test
    void shouldAnswerTheNextOpeningForZeroBusinessTime() {
        assertThat(BERLIN_OFFICE.plus(at("2026-01-10T11:00", BERLIN), Duration.ZERO)).isEqualTo(at("2026-01-12T09:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(at("2026-01-05T11:00", BERLIN), Duration.ZERO)).isEqualTo(at("2026-01-05T11:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(at("2026-01-05T17:00", BERLIN), Duration.ZERO)).isEqualTo(at("2026-01-06T09:00", BERLIN));
    }

    @Test
    void shouldAnswerTheInstantItselfAsNextOpeningWhenOpen() {
        assertThat(BERLIN_OFFICE.nextOpening(at("2026-01-05T09:00", BERLIN))).contains(at("2026-01-05T09:00", BERLIN));
        assertThat(BERLIN_OFFICE.nextOpening(at("2026-01-05T13:17:05", BERLIN))).contains(at("2026-01-05T13:17:05", BERLIN));
        assertThat(BERLIN_OFFICE.nextOpening(at("2026-01-05T17:00", BERLIN))).contains(at("2026-01-06T09:00", BERLIN));
    }

    @Test
    void shouldSkipTheWeekend() {
        Instant fridayAfternoon = at("2026-01-09T16:00", BERLIN);
        assertThat(BERLIN_OFFICE.plus(fridayAfternoon, Duration.ofHours(2))).isEqualTo(at("2026-01-12T10:00", BERLIN));
        assertThat(BERLIN_OFFICE.nextOpening(at("2026-01-10T11:00", BERLIN))).contains(at("2026-01-12T09:00", BERLIN));
        assertThat(BERLIN_OFFICE.between(fridayAfternoon, at("2026-01-12T10:00", BERLIN))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldSkipAHolidayOnFridayToMonday() {
        LocalDate friday = LocalDate.parse("2026-01-09");
        BusinessCalendar calendar = new BusinessCalendar(WorkingHours.officeHours(BERLIN), Set.of(friday));

        assertThat(calendar.isOpen(at("2026-01-09T11:00", BERLIN))).isFalse();
        assertThat(calendar.isOpen(at("2026-01-08T11:00", BERLIN))).isTrue();
        assertThat(calendar.nextOpening(at("2026-01-08T17:30", BERLIN))).contains(at("2026-01-12T09:00", BERLIN));
        assertThat(calendar.plus(at("2026-01-08T16:00", BERLIN), Duration.ofHours(2))).isEqualTo(at("2026-01-12T10:00", BERLIN));
        assertThat(calendar.between(at("2026-01-05T09:00", BERLIN), at("2026-01-12T09:00", BERLIN)))
                .isEqualTo(Duration.ofHours(32));
    }

    @Test
    void shouldReadHolidaysAsDatesInTheCalendarsZone() {
        // 2026-01-08T19:00Z is 00:30 on Friday the 9th in Kolkata (18:00 on Thursday in Berlin)
        BusinessCalendar kolkata = new BusinessCalendar(WorkingHours.officeHours(KOLKATA), Set.of(LocalDate.parse("2026-01-09")));
        assertThat(kolkata.nextOpening(utc("2026-01-08T19:00:00Z"))).contains(utc("2026-01-12T03:30:00Z"));
        assertThat(kolkata.isOpen(utc("2026-01-08T11:00:00Z"))).as("Thursday 16:30 IST").isTrue();
    }

    @Test
    void shouldCountDurationsOverManyDays() {
        Instant monday = at("2026-01-05T09:00", BERLIN);
        assertThat(BERLIN_OFFICE.plus(monday, Duration.ofHours(40))).isEqualTo(at("2026-01-09T17:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(monday, Duration.ofHours(41))).isEqualTo(at("2026-01-12T10:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(at("2026-01-07T13:00", BERLIN), Duration.ofHours(21))).isEqualTo(at("2026-01-12T10:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(monday, Duration.ofDays(30))) // 720 h = 18 weeks of 40 h
                .isEqualTo(at("2026-05-08T17:00", BERLIN));
        assertThat(BERLIN_OFFICE.between(monday, at("2026-05-08T17:00", BERLIN))).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void shouldCountSplitDaysWithoutTheLunchBreak() {
        BusinessCalendar split = everyDay(BERLIN, range("09:00", "12:00"), range("13:00", "17:00"));

        assertThat(split.isOpen(at("2026-01-05T12:30", BERLIN))).isFalse();
        assertThat(split.nextOpening(at("2026-01-05T12:30", BERLIN))).contains(at("2026-01-05T13:00", BERLIN));
        assertThat(split.plus(at("2026-01-05T11:00", BERLIN), Duration.ofHours(2))).isEqualTo(at("2026-01-05T14:00", BERLIN));
        assertThat(split.plus(at("2026-01-05T11:00", BERLIN), Duration.ofHours(1))).isEqualTo(at("2026-01-05T12:00", BERLIN));
        assertThat(split.between(at("2026-01-05T00:00", BERLIN), at("2026-01-06T00:00", BERLIN))).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void shouldCountOverlappingPeriodsOnce() {
        BusinessCalendar overlapping = everyDay(BERLIN, range("09:00", "12:00"), range("11:00", "13:00"));
        assertThat(overlapping.between(at("2026-01-05T00:00", BERLIN), at("2026-01-06T00:00", BERLIN))).isEqualTo(Duration.ofHours(4));
        assertThat(overlapping.plus(at("2026-01-05T09:00", BERLIN), Duration.ofHours(4))).isEqualTo(at("2026-01-05T13:00", BERLIN));
    }

    @Test
    void shouldKeepTheWallClockAcrossSpringForwardInBerlin() {
        // Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00Z)
        BusinessCalendar daytime = everyDay(BERLIN, range("09:00", "17:00"));
        assertThat(daytime.nextOpening(utc("2026-03-29T00:00:00Z"))).contains(utc("2026-03-29T07:00:00Z"));
        assertThat(daytime.between(utc("2026-03-29T00:00:00Z"), utc("2026-03-30T00:00:00Z"))).isEqualTo(Duration.ofHours(8));
        assertThat(daytime.plus(utc("2026-03-28T15:00:00Z"), Duration.ofHours(2))) // Saturday 16:00 CET
                .isEqualTo(utc("2026-03-29T08:00:00Z")); // Sunday 10:00 CEST

        BusinessCalendar night = everyDay(BERLIN, range("01:00", "04:00"));
        assertThat(night.between(utc("2026-03-28T22:00:00Z"), utc("2026-03-29T22:00:00Z"))).isEqualTo(Duration.ofHours(2));
        assertThat(night.plus(utc("2026-03-29T00:00:00Z"), Duration.ofMinutes(90))) // from 01:00 CET
                .isEqualTo(utc("2026-03-29T01:30:00Z")); // 03:30 CEST
        assertThat(night.plus(utc("2026-03-29T00:00:00Z"), Duration.ofHours(2))).isEqualTo(utc("2026-03-29T02:00:00Z"));

        // office hours across the weekend of the change: Monday opens at 09:00 CEST, an hour earlier in UTC
        assertThat(BERLIN_OFFICE.plus(utc("2026-03-27T15:00:00Z"), Duration.ofHours(2))) // Friday 16:00 CET
                .isEqualTo(utc("2026-03-30T08:00:00Z")); // Monday 10:00 CEST
    }

    @Test
    void shouldOpenAPeriodStartingInTheSkippedHourWhenTheClocksLand() {
        BusinessCalendar calendar = everyDay(BERLIN, range("02:30", "04:00"));
        assertThat(calendar.nextOpening(utc("2026-03-29T00:00:00Z"))).contains(utc("2026-03-29T01:00:00Z")); // 03:00 CEST
        assertThat(calendar.between(utc("2026-03-28T22:00:00Z"), utc("2026-03-29T22:00:00Z"))).isEqualTo(Duration.ofHours(1));

        BusinessCalendar skipped = everyDay(BERLIN, range("02:00", "02:30"), range("05:00", "06:00"));
        assertThat(skipped.nextOpening(utc("2026-03-29T00:00:00Z"))).contains(utc("2026-03-29T03:00:00Z")); // 05:00 CEST
    }

    @Test
    void shouldCountTheRepeatedHourAtFallBackInBerlin() {
        // Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00Z)
        BusinessCalendar night = everyDay(BERLIN, range("01:00", "04:00"));
        assertThat(night.nextOpening(utc("2026-10-24T22:00:00Z"))).contains(utc("2026-10-24T23:00:00Z")); // 01:00 CEST
        assertThat(night.between(utc("2026-10-24T22:00:00Z"), utc("2026-10-25T22:00:00Z"))).isEqualTo(Duration.ofHours(4));
        assertThat(night.plus(utc("2026-10-24T23:00:00Z"), Duration.ofHours(3))).isEqualTo(utc("2026-10-25T02:00:00Z")); // 03:00 CET
        assertThat(night.plus(utc("2026-10-24T23:00:00Z"), Duration.ofHours(4))).isEqualTo(utc("2026-10-25T03:00:00Z")); // 04:00 CET
        assertThat(night.isOpen(utc("2026-10-25T00:30:00Z"))).as("02:30 CEST").isTrue();
        assertThat(night.isOpen(utc("2026-10-25T01:30:00Z"))).as("02:30 CET").isTrue();

        BusinessCalendar daytime = everyDay(BERLIN, range("09:00", "17:00"));
        assertThat(daytime.between(utc("2026-10-24T22:00:00Z"), utc("2026-10-25T23:00:00Z"))).isEqualTo(Duration.ofHours(8));
        assertThat(daytime.nextOpening(utc("2026-10-25T03:00:00Z"))).contains(utc("2026-10-25T08:00:00Z")); // 09:00 CET
    }

    @Test
    void shouldKeepTheWallClockAcrossSpringForwardInNewYork() {
        // Sunday 2026-03-08: 02:00 EST becomes 03:00 EDT (07:00Z)
        BusinessCalendar night = everyDay(NEW_YORK, range("01:00", "04:00"));
        assertThat(night.between(utc("2026-03-08T05:00:00Z"), utc("2026-03-09T04:00:00Z"))).isEqualTo(Duration.ofHours(2));
        assertThat(night.plus(utc("2026-03-08T06:00:00Z"), Duration.ofHours(2))).isEqualTo(utc("2026-03-08T08:00:00Z")); // 04:00 EDT

        BusinessCalendar daytime = everyDay(NEW_YORK, range("09:00", "17:00"));
        assertThat(daytime.between(utc("2026-03-08T05:00:00Z"), utc("2026-03-09T04:00:00Z"))).isEqualTo(Duration.ofHours(8));

        BusinessCalendar office = BusinessCalendar.of(WorkingHours.officeHours(NEW_YORK));
        assertThat(office.plus(utc("2026-03-06T21:00:00Z"), Duration.ofHours(2))) // Friday 16:00 EST
                .isEqualTo(utc("2026-03-09T14:00:00Z")); // Monday 10:00 EDT
    }

    @Test
    void shouldAgreeWithIsOpenOnEveryQuarterHourOfTheDaysTheClocksChange() {
        BusinessCalendar calendar = everyDay(BERLIN, range("00:00", "01:00"), range("01:45", "02:30"), range("02:45", "03:15"),
                range("09:00", "17:00"));
        for (String day : List.of("2026-03-28T20:00:00Z", "2026-10-24T20:00:00Z")) {
            for (Instant t = utc(day); t.isBefore(utc(day).plus(Duration.ofHours(12))); t = t.plus(Duration.ofMinutes(15))) {
                Instant instant = t;
                assertThat(calendar.nextOpening(instant).map(instant::equals)).as("%s", instant).contains(calendar.isOpen(instant));
            }
        }
    }

    @Test
    void shouldMeasureWithBetweenWhatPlusAdded() {
        List<Instant> starts = List.of(at("2026-01-05T07:00", BERLIN), at("2026-01-05T16:59", BERLIN), at("2026-01-09T16:30", BERLIN),
                at("2026-03-27T15:00", BERLIN), at("2026-10-23T10:00", BERLIN), at("2026-01-10T12:00", BERLIN));
        List<Duration> durations = Stream.of("PT1M", "PT1H", "PT7H59M", "PT8H", "PT9H", "PT45H", "PT200H")
                .map(Duration::parse).toList();
        for (Instant start : starts) {
            for (Duration duration : durations) {
                Instant end = BERLIN_OFFICE.plus(start, duration);
                assertThat(BERLIN_OFFICE.between(start, end)).as("%s + %s", start, duration).isEqualTo(duration);
            }
        }
    }

    @Test
    void shouldReachWithPlusAnOpenInstantThatBetweenMeasured() {
        Instant start = at("2026-03-26T10:00", BERLIN);
        for (Instant end : List.of(at("2026-03-26T10:00:01", BERLIN), at("2026-03-27T16:59", BERLIN),
                at("2026-03-30T09:00:01", BERLIN), at("2026-04-02T12:34:56", BERLIN))) {
            assertThat(BERLIN_OFFICE.plus(start, BERLIN_OFFICE.between(start, end))).isEqualTo(end);
        }
        // plus answers the first moment that business time had elapsed: for a closed instant, or an opening, the
        // close before it
        assertThat(BERLIN_OFFICE.plus(start, BERLIN_OFFICE.between(start, at("2026-03-28T12:00", BERLIN))))
                .isEqualTo(at("2026-03-27T17:00", BERLIN));
        assertThat(BERLIN_OFFICE.plus(start, BERLIN_OFFICE.between(start, at("2026-03-30T09:00", BERLIN))))
                .isEqualTo(at("2026-03-27T17:00", BERLIN));
    }

    @Test
    void shouldMeasureNothingWhenTheEndIsNotAfterTheStart() {
        Instant monday = at("2026-01-05T10:00", BERLIN);
        assertThat(BERLIN_OFFICE.between(monday, monday)).isZero();
        assertThat(BERLIN_OFFICE.between(monday, monday.minusSeconds(3600))).isZero();
        assertThat(BERLIN_OFFICE.between(at("2026-01-10T10:00", BERLIN), at("2026-01-11T10:00", BERLIN))).as("weekend").isZero();
    }

    @Test
    void shouldRejectACalendarWithoutAnyWorkingPeriod() {
        assertThatThrownBy(() -> new BusinessCalendar(new WorkingHours(BERLIN, Map.of()), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no working period");
        assertThatThrownBy(() -> BusinessCalendar.of(new WorkingHours(BERLIN, Map.of(DayOfWeek.MONDAY, List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no working period");
    }

    @Test
    void shouldGiveUpAfterTheHorizonInsteadOfSearchingForever() {
        // every working day of four years is a holiday
        Set<LocalDate> holidays = new HashSet<>();
        for (LocalDate day = LocalDate.parse("2026-01-01"); day.getYear() < 2030; day = day.plusDays(1)) {
            holidays.add(day);
        }
        BusinessCalendar closed = new BusinessCalendar(WorkingHours.officeHours(BERLIN), holidays);
        Instant monday = at("2026-01-05T10:00", BERLIN);

        assertThat(closed.nextOpening(monday)).isEmpty();
        assertThatThrownBy(() -> closed.plus(monday, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT1H of business time does not elapse within 3 years after 2026-01-05T09:00:00Z");
        assertThatThrownBy(() -> closed.plus(monday, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no working period opens within 3 years");
        assertThatThrownBy(() -> BERLIN_OFFICE.plus(monday, Duration.ofDays(3650)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not elapse within 3 years");
        assertThat(closed.between(monday, at("2030-01-01T10:00", BERLIN))).as("Tuesday after the holidays").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldRejectNegativeBusinessTime() {
        assertThatThrownBy(() -> BERLIN_OFFICE.plus(Instant.EPOCH, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }

    @Test
    void shouldWorkOnAFixedOffsetZone() {
        BusinessCalendar utcOffice = BusinessCalendar.of(WorkingHours.officeHours(ZoneOffset.UTC));
        assertThat(utcOffice.plus(utc("2026-01-05T16:00:00Z"), Duration.ofHours(2))).isEqualTo(utc("2026-01-06T10:00:00Z"));
    }
}
