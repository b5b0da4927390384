package io.leadstream.distribution.sla;

import static io.leadstream.distribution.sla.SlaStep.ESCALATE;
import static io.leadstream.distribution.sla.SlaStep.REASSIGN;
import static io.leadstream.distribution.sla.SlaStep.REMIND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadstream.distribution.calendar.BusinessCalendar;
import io.leadstream.distribution.calendar.WorkingHours;
import io.leadstream.distribution.sla.SlaClock.Due;

class SlaClockTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final BusinessCalendar OFFICE = BusinessCalendar.of(WorkingHours.officeHours(BERLIN));
    /** First touch within 4 business hours, next within 24; escalate 2 h after the breach, reassign 8 h after it. */
    static final SlaPolicy POLICY = new SlaPolicy(Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(2),
            Duration.ofHours(8));

    /** Assigned on Monday 2026-01-05 at 15:00 in Berlin. */
    static final Instant ASSIGNED = berlin("2026-01-05T15:00");
    static final Instant BREACH = berlin("2026-01-06T11:00"); // 2 h on Monday, 2 h on Tuesday
    static final Instant ESCALATION = berlin("2026-01-06T13:00");
    static final Instant REASSIGNMENT = berlin("2026-01-07T11:00"); // 6 h on Tuesday, 2 h on Wednesday

    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    static SlaClock firstTouch(SlaPolicy policy) {
        return SlaClock.start(policy, OFFICE, SlaKind.FIRST_TOUCH, ASSIGNED);
    }

    @Test
    void shouldBreachWhenTheTargetHasElapsedInBusinessTime() {
        assertThat(firstTouch(POLICY).deadline()).isEqualTo(BREACH).isEqualTo(Instant.parse("2026-01-06T10:00:00Z"));
    }

    @Test
    void shouldScheduleEachStepAtItsInstant() {
        assertThat(firstTouch(POLICY).schedule()).containsExactly(
                new Due(REMIND, BREACH), new Due(ESCALATE, ESCALATION), new Due(REASSIGN, REASSIGNMENT));
    }

    @Test
    void shouldHaveNothingDueBeforeTheBreach() {
        SlaClock clock = firstTouch(POLICY);
        assertThat(clock.dueAt(ASSIGNED)).isEmpty();
        assertThat(clock.dueAt(BREACH.minusSeconds(1))).isEmpty();
        assertThat(clock.nextDue()).contains(BREACH);
    }

    @Test
    void shouldRemindAtTheBreachItself() {
        assertThat(firstTouch(POLICY).dueAt(BREACH)).containsExactly(new Due(REMIND, BREACH));
    }

    @Test
    void shouldEscalateAndReassignAtTheirInstants() {
        SlaClock reminded = firstTouch(POLICY).taking(REMIND);
        assertThat(reminded.dueAt(ESCALATION.minusSeconds(1))).isEmpty();
        assertThat(reminded.dueAt(ESCALATION)).containsExactly(new Due(ESCALATE, ESCALATION));

        SlaClock escalated = reminded.taking(ESCALATE);
        assertThat(escalated.dueAt(REASSIGNMENT.minusSeconds(1))).isEmpty();
        assertThat(escalated.dueAt(REASSIGNMENT)).containsExactly(new Due(REASSIGN, REASSIGNMENT));
    }

    @Test
    void shouldGiveEveryOverdueStepInOrder() {
        // nothing ran while the service was down: all three are due at once
        assertThat(firstTouch(POLICY).dueAt(berlin("2026-01-08T09:00"))).containsExactly(
                new Due(REMIND, BREACH), new Due(ESCALATE, ESCALATION), new Due(REASSIGN, REASSIGNMENT));
    }

    @Test
    void shouldNeverRepeatAStepTaken() {
        SlaClock reminded = firstTouch(POLICY).taking(REMIND);
        assertThat(reminded.dueAt(berlin("2026-01-06T12:30"))).isEmpty();
        assertThat(reminded.dueAt(berlin("2026-01-06T13:30"))).containsExactly(new Due(ESCALATE, ESCALATION));
        assertThat(reminded.nextDue()).contains(ESCALATION);

        SlaClock escalated = reminded.taking(ESCALATE);
        assertThat(escalated.dueAt(berlin("2026-01-06T13:30"))).isEmpty();
        assertThat(escalated.nextDue()).contains(REASSIGNMENT);

        SlaClock done = escalated.taking(REASSIGN);
        assertThat(done.dueAt(berlin("2027-01-01T00:00"))).isEmpty();
        assertThat(done.nextDue()).isEmpty();
        assertThat(done.taking(REASSIGN)).isEqualTo(done);
    }

    @Test
    void shouldLeaveOutAStepThePolicyDisables() {
        SlaPolicy noEscalation = new SlaPolicy(Duration.ofHours(4), Duration.ofHours(24), null, Duration.ofHours(8));
        assertThat(firstTouch(noEscalation).schedule()).containsExactly(new Due(REMIND, BREACH), new Due(REASSIGN, REASSIGNMENT));
        assertThat(firstTouch(noEscalation).taking(REMIND).nextDue()).contains(REASSIGNMENT);

        SlaPolicy noReassignment = new SlaPolicy(Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(2), null);
        assertThat(firstTouch(noReassignment).dueAt(berlin("2026-01-09T09:00")))
                .containsExactly(new Due(REMIND, BREACH), new Due(ESCALATE, ESCALATION));
        assertThat(firstTouch(noReassignment).taking(REMIND).taking(ESCALATE).nextDue()).isEmpty();

        SlaPolicy remindOnly = new SlaPolicy(Duration.ofHours(4), Duration.ofHours(24), null, null);
        assertThat(firstTouch(remindOnly).dueAt(berlin("2026-01-09T09:00"))).containsExactly(new Due(REMIND, BREACH));
        assertThat(firstTouch(remindOnly).taking(REMIND).nextDue()).isEmpty();
    }

    @Test
    void shouldHaveNothingDueOnceContactStoppedTheClock() {
        SlaClock stopped = firstTouch(POLICY).stop(berlin("2026-01-06T09:30"));
        assertThat(stopped.isStopped()).isTrue();
        assertThat(stopped.dueAt(berlin("2026-01-08T09:00"))).isEmpty();
        assertThat(stopped.nextDue()).isEmpty();
        assertThat(stopped.deadline()).isEqualTo(BREACH);

        // contact after the breach, before the reminder went out: it is not sent any more
        SlaClock lateContact = firstTouch(POLICY).stop(berlin("2026-01-06T11:05"));
        assertThat(lateContact.dueAt(berlin("2026-01-06T11:06"))).isEmpty();
    }

    @Test
    void shouldKeepTheFirstStop() {
        SlaClock stopped = firstTouch(POLICY).stop(berlin("2026-01-06T09:30"));
        assertThat(stopped.stop(berlin("2026-01-06T10:30")).stoppedAt()).isEqualTo(berlin("2026-01-06T09:30"));
    }

    @Test
    void shouldCountTheNextTouchFromTheLastContact() {
        SlaClock clock = SlaClock.start(POLICY, OFFICE, SlaKind.NEXT_TOUCH, berlin("2026-01-07T16:00"));
        // 1 h on Wednesday, 8 on Thursday, 8 on Friday, 7 on Monday
        assertThat(clock.deadline()).isEqualTo(berlin("2026-01-12T16:00"));
        assertThat(clock.schedule()).containsExactly(new Due(REMIND, berlin("2026-01-12T16:00")),
                new Due(ESCALATE, berlin("2026-01-13T10:00")), new Due(REASSIGN, berlin("2026-01-13T16:00")));
    }

    @Test
    void shouldCountTheStepsAfterTheBreachInBusinessTimeToo() {
        // breached at Friday's close: the manager hears on Monday, two business hours in
        SlaClock clock = SlaClock.start(POLICY, OFFICE, SlaKind.FIRST_TOUCH, berlin("2026-01-09T13:00"));
        assertThat(clock.schedule()).containsExactly(new Due(REMIND, berlin("2026-01-09T17:00")),
                new Due(ESCALATE, berlin("2026-01-12T11:00")), new Due(REASSIGN, berlin("2026-01-12T17:00")));
        assertThat(clock.taking(REMIND).dueAt(berlin("2026-01-10T12:00"))).isEmpty();
    }

    @Test
    void shouldStartCountingAtTheNextOpeningWhenAssignedOutsideHours() {
        SlaClock clock = SlaClock.start(POLICY, OFFICE, SlaKind.FIRST_TOUCH, berlin("2026-01-10T11:00")); // Saturday
        assertThat(clock.deadline()).isEqualTo(berlin("2026-01-12T13:00"));
    }

    @Test
    void shouldSkipHolidays() {
        BusinessCalendar epiphany = new BusinessCalendar(WorkingHours.officeHours(BERLIN), Set.of(LocalDate.parse("2026-01-06")));
        SlaClock clock = SlaClock.start(POLICY, epiphany, SlaKind.FIRST_TOUCH, ASSIGNED);
        assertThat(clock.schedule()).containsExactly(new Due(REMIND, berlin("2026-01-07T11:00")),
                new Due(ESCALATE, berlin("2026-01-07T13:00")), new Due(REASSIGN, berlin("2026-01-08T11:00")));
    }

    @Test
    void shouldRefuseAnInvalidPolicy() {
        SlaPolicy invalid = new SlaPolicy(Duration.ZERO, Duration.ofHours(24), Duration.ofHours(8), Duration.ofHours(2));
        assertThatThrownBy(() -> firstTouch(invalid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid SLA policy: firstTouch: must be positive, reassignAfter: must be after escalateAfter");
    }

    @Test
    void shouldRefuseToStopBeforeItStarted() {
        assertThatThrownBy(() -> firstTouch(POLICY).stop(ASSIGNED.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot stop");
    }
}
