package io.leadstream.nurture.followups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.ProblemException;

class FollowUpStateTest {

    static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");

    @Test
    void shouldBeDueWhileTheDueTimeIsAheadOrNow() {
        assertThat(FollowUpState.of(NOW.plusSeconds(3600), null, NOW)).isEqualTo(FollowUpState.DUE);
        assertThat(FollowUpState.of(NOW, null, NOW)).as("due right now is not overdue yet").isEqualTo(FollowUpState.DUE);
    }

    @Test
    void shouldBeOverdueOnceTheDueTimeHasPassed() {
        assertThat(FollowUpState.of(NOW.minusMillis(1), null, NOW)).isEqualTo(FollowUpState.OVERDUE);
        assertThat(FollowUpState.of(NOW.minusSeconds(86_400 * 3), null, NOW)).isEqualTo(FollowUpState.OVERDUE);
    }

    @Test
    void shouldBeDoneOnceCompletedWhetherLateOrEarly() {
        assertThat(FollowUpState.of(NOW.minusSeconds(60), NOW, NOW)).isEqualTo(FollowUpState.DONE);
        assertThat(FollowUpState.of(NOW.plusSeconds(60), NOW, NOW)).isEqualTo(FollowUpState.DONE);
    }

    @Test
    void shouldReadTheStateAListAsksFor() {
        assertThat(FollowUpState.parse("overdue")).isEqualTo(FollowUpState.OVERDUE);
        assertThat(FollowUpState.parse("DONE")).isEqualTo(FollowUpState.DONE);
        assertThat(FollowUpState.parse(null)).isEqualTo(FollowUpState.DUE);
        assertThatThrownBy(() -> FollowUpState.parse("later")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("state"));
    }
}
