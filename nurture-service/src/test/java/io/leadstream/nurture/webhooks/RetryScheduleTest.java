package io.leadstream.nurture.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24));
    final Instant first = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void theWaitsDoubleUpToTheLongestInterval() {
        List<Long> waits = new ArrayList<>();
        Instant at = first;
        for (int i = 0; i < 12; i++) {
            Duration wait = schedule.backoff(first, at);
            waits.add(wait.toSeconds());
            at = at.plus(wait);
        }
        assertThat(waits).containsExactly(10L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L, 3600L, 3600L);
        assertThat(schedule.backoff(first, first.plus(Duration.ofHours(20)))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givesUpOnceTheWindowFromTheFirstAttemptIsOver() {
        assertThat(schedule.givesUp(first, first.plus(Duration.ofHours(24)).minusSeconds(1))).isFalse();
        assertThat(schedule.givesUp(first, first.plus(Duration.ofHours(24)))).isTrue();
    }

    @Test
    void aDaysAttemptsAreAboutThirtyFive() {
        Instant at = first;
        int attempts = 1;
        while (!schedule.givesUp(first, at)) {
            at = at.plus(schedule.backoff(first, at));
            attempts++;
        }
        assertThat(attempts).isBetween(30, 36);
    }
}
