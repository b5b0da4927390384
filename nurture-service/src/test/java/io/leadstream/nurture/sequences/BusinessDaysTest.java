package io.leadstream.nurture.sequences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final BusinessDays WEEKDAYS = BusinessDays.weekdays(List.of());

    @ParameterizedTest(name = "{0} + {1} business days = {2}")
    @CsvSource({
            // 2026-12-02 is a Wednesday
            "2026-12-02T10:00:00Z, 0, 2026-12-02T10:00:00Z",
            "2026-12-02T10:00:00Z, 1, 2026-12-03T10:00:00Z",
            "2026-12-02T10:00:00Z, 2, 2026-12-04T10:00:00Z",
            // Friday + 1 is Monday, + 3 is Wednesday
            "2026-12-04T10:00:00Z, 1, 2026-12-07T10:00:00Z",
            "2026-12-04T10:00:00Z, 3, 2026-12-09T10:00:00Z",
            // Saturday and Sunday + 1 are Monday
            "2026-12-05T10:00:00Z, 1, 2026-12-07T10:00:00Z",
            "2026-12-06T23:30:00Z, 1, 2026-12-07T23:30:00Z",
            // two weeks
            "2026-12-02T10:00:00Z, 10, 2026-12-16T10:00:00Z" })
    void countsMondayToFriday(Instant from, int days, Instant expected) {
        assertThat(WEEKDAYS.after(from, days, LONDON)).isEqualTo(expected);
    }

    @Test
    void skipsHolidays() {
        BusinessDays christmas = BusinessDays.weekdays(List.of(LocalDate.parse("2026-12-25"),
                LocalDate.parse("2026-12-28")));
        // Thursday 24th + 1: Friday 25th and Monday 28th are holidays, so Tuesday 29th
        assertThat(christmas.after(Instant.parse("2026-12-24T09:00:00Z"), 1, LONDON))
                .isEqualTo(Instant.parse("2026-12-29T09:00:00Z"));
        assertThat(christmas.isBusinessDay(LocalDate.parse("2026-12-25"))).isFalse();
        assertThat(christmas.isBusinessDay(LocalDate.parse("2026-12-24"))).isTrue();
    }

    @Test
    void keepsTheLocalTimeAcrossADaylightSavingChange() {
        // Friday 2027-03-26 09:00 GMT; British Summer Time starts on Sunday 28th: Monday is 09:00 BST = 08:00Z
        assertThat(WEEKDAYS.after(Instant.parse("2027-03-26T09:00:00Z"), 1, LONDON))
                .isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
    }

    @Test
    void countsInTheZonesOwnDates() {
        // Friday 23:30 in New York is Saturday 04:30 UTC: one business day later is Monday 23:30 in New York
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(WEEKDAYS.after(Instant.parse("2026-12-05T04:30:00Z"), 1, newYork))
                .isEqualTo(Instant.parse("2026-12-08T04:30:00Z"));
    }

    @Test
    void refusesANegativeDelay() {
        assertThatThrownBy(() -> WEEKDAYS.after(Instant.parse("2026-12-02T10:00:00Z"), -1, LONDON))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
