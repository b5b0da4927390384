package io.leadstream.distribution.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;

class SlaPolicyTest {

    static Duration d(String iso) {
        return Duration.parse(iso);
    }

    @Test
    void shouldAcceptAPolicyWithEveryStep() {
        assertThat(new SlaPolicy(d("PT4H"), d("PT24H"), d("PT2H"), d("PT8H")).validate()).isEmpty();
    }

    @Test
    void shouldAcceptAPolicyWithoutEscalationOrReassignment() {
        assertThat(new SlaPolicy(d("PT4H"), d("PT24H"), null, null).validate()).isEmpty();
        assertThat(new SlaPolicy(d("PT4H"), d("PT24H"), null, d("PT8H")).validate()).isEmpty();
        assertThat(new SlaPolicy(d("PT4H"), d("PT24H"), d("PT2H"), null).validate()).isEmpty();
    }

    @Test
    void shouldAcceptTheBoundsThemselves() {
        assertThat(new SlaPolicy(SlaPolicy.MIN, SlaPolicy.MAX, SlaPolicy.MIN, SlaPolicy.MAX).validate()).isEmpty();
    }

    @Test
    void shouldRequireBothTargets() {
        assertThat(new SlaPolicy(null, null, null, null).validate()).containsExactly(
                new FieldError("firstTouch", "is required"),
                new FieldError("nextTouch", "is required"));
    }

    @Test
    void shouldRejectZeroAndNegativeDurations() {
        assertThat(new SlaPolicy(Duration.ZERO, d("-PT1H"), Duration.ZERO, d("-PT1M")).validate()).containsExactly(
                new FieldError("firstTouch", "must be positive"),
                new FieldError("nextTouch", "must be positive"),
                new FieldError("escalateAfter", "must be positive"),
                new FieldError("reassignAfter", "must be positive"));
    }

    @Test
    void shouldRejectDurationsOutsideOneMinuteToThirtyDays() {
        assertThat(new SlaPolicy(d("PT59S"), d("PT720H1S"), d("PT30S"), d("P31D")).validate()).containsExactly(
                new FieldError("firstTouch", "must be at least 1 minute"),
                new FieldError("nextTouch", "must be at most 30 days"),
                new FieldError("escalateAfter", "must be at least 1 minute"),
                new FieldError("reassignAfter", "must be at most 30 days"));
    }

    @Test
    void shouldRequireReassignmentAfterEscalation() {
        assertThat(new SlaPolicy(d("PT4H"), d("PT24H"), d("PT8H"), d("PT8H")).validate())
                .containsExactly(new FieldError("reassignAfter", "must be after escalateAfter"));
        assertThat(new SlaPolicy(d("PT4H"), d("PT24H"), d("PT8H"), d("PT2H")).validate())
                .containsExactly(new FieldError("reassignAfter", "must be after escalateAfter"));
    }

    @Test
    void shouldNotCompareStepsWhenOneIsAlreadyInvalid() {
        assertThat(new SlaPolicy(d("PT4H"), d("PT24H"), d("P40D"), d("PT8H")).validate())
                .containsExactly(new FieldError("escalateAfter", "must be at most 30 days"));
    }

    @Test
    void shouldListEveryOffendingFieldAtOnce() {
        assertThat(new SlaPolicy(null, Duration.ZERO, d("PT3H"), d("PT1H")).validate()).containsExactly(
                new FieldError("firstTouch", "is required"),
                new FieldError("nextTouch", "must be positive"),
                new FieldError("reassignAfter", "must be after escalateAfter"));
    }

    @Test
    void shouldGiveEachKindItsTarget() {
        SlaPolicy policy = new SlaPolicy(d("PT4H"), d("PT24H"), null, null);
        assertThat(policy.target(SlaKind.FIRST_TOUCH)).isEqualTo(d("PT4H"));
        assertThat(policy.target(SlaKind.NEXT_TOUCH)).isEqualTo(d("PT24H"));
    }
}
