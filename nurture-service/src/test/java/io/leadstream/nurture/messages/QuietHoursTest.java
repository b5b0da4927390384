package io.leadstream.nurture.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursTest {

    static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldAllowTheDayAndHoldTheNightUntilTheMorningInTheLeadsZone() {
        assertThat(NIGHT.nextAllowed(Instant.parse("2026-12-03T12:00:00Z"), BERLIN)).isEmpty(); // 13:00
        assertThat(NIGHT.nextAllowed(Instant.parse("2026-12-03T07:00:00Z"), BERLIN)).isEmpty(); // 08:00 sharp
        assertThat(NIGHT.nextAllowed(Instant.parse("2026-12-03T19:59:59Z"), BERLIN)).isEmpty(); // 20:59:59
        // 21:00 in Berlin: the next morning at 08:00 Berlin time
        assertThat(NIGHT.nextAllowed(Instant.parse("2026-12-03T20:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-12-04T07:00:00Z"));
        // 03:00 in Berlin: the same morning
        assertThat(NIGHT.nextAllowed(Instant.parse("2026-12-04T02:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-12-04T07:00:00Z"));
    }

    @Test
    void shouldJudgeTheSameInstantByEachLeadsOwnClock() {
        Instant at = Instant.parse("2026-12-03T21:30:00Z");
        assertThat(NIGHT.nextAllowed(at, BERLIN)).isPresent();                            // 22:30
        assertThat(NIGHT.nextAllowed(at, ZoneId.of("America/New_York"))).isEmpty();       // 16:30
        assertThat(NIGHT.nextAllowed(at, ZoneId.of("Asia/Tokyo")))                        // 06:30 next day
                .contains(Instant.parse("2026-12-03T23:00:00Z"));
    }

    @Test
    void shouldCountTheMorningInLocalTimeAcrossADaylightSavingChange() {
        // the night of 28 to 29 March 2026: Berlin moves from +01:00 to +02:00 at 02:00
        assertThat(NIGHT.nextAllowed(Instant.parse("2026-03-28T22:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-03-29T06:00:00Z")); // 08:00 CEST
        // quiet hours that end inside the skipped hour end at the first instant after it
        QuietHours odd = new QuietHours(LocalTime.of(23, 0), LocalTime.of(2, 30));
        assertThat(odd.nextAllowed(Instant.parse("2026-03-28T23:30:00Z"), BERLIN))
                .contains(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST, the gap's end + 30 min
    }

    @Test
    void shouldHandleQuietHoursWithinOneDayAndNone() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));
        assertThat(lunch.nextAllowed(Instant.parse("2026-12-03T12:30:00Z"), ZoneId.of("UTC")))
                .contains(Instant.parse("2026-12-03T14:00:00Z"));
        assertThat(lunch.nextAllowed(Instant.parse("2026-12-03T22:30:00Z"), ZoneId.of("UTC"))).isEmpty();
        QuietHours none = new QuietHours(LocalTime.of(0, 0), LocalTime.of(0, 0));
        assertThat(none.nextAllowed(Instant.parse("2026-12-03T03:00:00Z"), ZoneId.of("UTC"))).isEmpty();
    }
}
