package io.leadstream.nurture.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DueTimeTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldReadALocalTimeOnTheWallClockOfTheGivenZone() {
        DueTime.Due due = DueTime.of("2026-12-04T10:00", "Europe/Berlin", ZoneOffset.UTC);
        assertThat(due.at()).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
        assertThat(due.zone()).isEqualTo(BERLIN);
        assertThat(DueTime.of("2026-07-01T10:00:30", "Europe/Berlin", ZoneOffset.UTC).at())
                .as("summer time: UTC+2").isEqualTo(Instant.parse("2026-07-01T08:00:30Z"));
    }

    @Test
    void shouldUseTheFallbackZoneWithoutOne() {
        DueTime.Due due = DueTime.of("2026-12-04T10:00", null, ZoneId.of("America/New_York"));
        assertThat(due.at()).isEqualTo(Instant.parse("2026-12-04T15:00:00Z"));
        assertThat(due.zone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void shouldTakeAnInstantWithAnOffsetAsItIsAndShowItInTheZone() {
        DueTime.Due due = DueTime.of("2026-12-04T10:00:00+02:00", "Europe/Berlin", ZoneOffset.UTC);
        assertThat(due.at()).isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
        assertThat(LocalDateTime.ofInstant(due.at(), due.zone())).isEqualTo(LocalDateTime.parse("2026-12-04T09:00"));
        assertThat(DueTime.of("2026-12-04T09:00:00Z", null, BERLIN).at()).isEqualTo(Instant.parse("2026-12-04T09:00:00Z"));
    }

    @Test
    void shouldMoveATimeTheClocksSkipLaterByTheGap() {
        // 2026-03-29 02:00 CET the clocks jump to 03:00 CEST: 02:30 never happens in Berlin
        DueTime.Due due = DueTime.of("2026-03-29T02:30", "Europe/Berlin", ZoneOffset.UTC);
        assertThat(due.at()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(LocalDateTime.ofInstant(due.at(), BERLIN)).isEqualTo(LocalDateTime.parse("2026-03-29T03:30"));
    }

    @Test
    void shouldTakeTheEarlierOfATimeThatHappensTwice() {
        // 2026-10-25 03:00 CEST the clocks go back to 02:00 CET: 02:30 happens twice in Berlin
        assertThat(DueTime.of("2026-10-25T02:30", "Europe/Berlin", ZoneOffset.UTC).at())
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void shouldNameWhatIsWrong() {
        assertThat(DueTime.errors(null, null)).extracting(e -> e.field()).containsExactly("dueAt");
        assertThat(DueTime.errors("tomorrow at ten", "Mars/Olympus")).extracting(e -> e.field())
                .containsExactly("dueAt", "timeZone");
        assertThat(DueTime.errors("2026-13-01T10:00", null)).extracting(e -> e.field()).containsExactly("dueAt");
        assertThat(DueTime.errors("2026-12-04T10:00", "Europe/Berlin")).isEmpty();
        assertThat(DueTime.errors("2026-12-04T10:00+01:00", "")).isEmpty();
        assertThat(DueTime.zone("x".repeat(100))).isNull();
    }
}
