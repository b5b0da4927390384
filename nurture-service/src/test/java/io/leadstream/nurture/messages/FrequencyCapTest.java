package io.leadstream.nurture.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrequencyCapTest {

    static final FrequencyCap THREE_A_WEEK = new FrequencyCap(3, Duration.ofDays(7));
    static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");

    @Test
    void shouldAllowUpToTheCapWithinTheWindow() {
        assertThat(THREE_A_WEEK.nextAllowed(List.of(), NOW)).isEmpty();
        assertThat(THREE_A_WEEK.nextAllowed(List.of(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2))), NOW))
                .isEmpty();
    }

    @Test
    void shouldHoldTheNextMessageUntilTheOldestThatCountsLeavesTheWindow() {
        List<Instant> sent = List.of(Instant.parse("2026-12-09T09:00:00Z"), Instant.parse("2026-12-04T10:00:00Z"),
                Instant.parse("2026-12-06T08:00:00Z"));
        assertThat(THREE_A_WEEK.nextAllowed(sent, NOW)).contains(Instant.parse("2026-12-11T10:00:00Z"));
    }

    @Test
    void shouldNotCountMessagesOlderThanTheWindow() {
        List<Instant> sent = List.of(Instant.parse("2026-12-03T11:59:59Z"), Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-09T09:00:00Z"), Instant.parse("2026-12-08T09:00:00Z"));
        assertThat(THREE_A_WEEK.nextAllowed(sent, NOW)).isEmpty();
    }

    @Test
    void shouldWaitForTheRightMessageWhenMoreThanTheCapCount() {
        // the cap was lowered to 2 after four messages: the third newest must leave before another may go
        FrequencyCap two = new FrequencyCap(2, Duration.ofDays(7));
        List<Instant> sent = List.of(Instant.parse("2026-12-04T00:00:00Z"), Instant.parse("2026-12-05T00:00:00Z"),
                Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(two.nextAllowed(sent, NOW)).contains(Instant.parse("2026-12-13T00:00:00Z"));
    }
}
