package io.leadstream.distribution.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.distribution.calendar.BusinessCalendar;

/**
 * One SLA clock, as a value: a {@code kind} of target counted in {@code calendar}'s business time from
 * {@code startedAt} (the assignment, or the last contact), with the steps already {@code taken}; {@code stoppedAt}
 * is when contact was reported (null: running). Pure: the caller passes {@code now} from its injected clock and
 * keeps the state.
 * <p>
 * The schedule: {@link SlaStep#REMIND} at the {@link #deadline()} (start + target), {@link SlaStep#ESCALATE} at
 * deadline + {@code escalateAfter}, {@link SlaStep#REASSIGN} at deadline + {@code reassignAfter}, all in business
 * time; a step the policy leaves out is never due. A stopped clock has nothing due.
 */
public record SlaClock(SlaPolicy policy, BusinessCalendar calendar, SlaKind kind, Instant startedAt, Set<SlaStep> taken,
        Instant stoppedAt) {

    public SlaClock {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        taken = taken == null ? Set.of() : Set.copyOf(taken);
        if (stoppedAt != null && stoppedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("an SLA clock cannot stop (" + stoppedAt + ") before it starts (" + startedAt + ")");
        }
        List<FieldError> errors = policy.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid SLA policy: " + errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining(", ")));
        }
    }

    /** A step and the instant it is due. */
    public record Due(SlaStep step, Instant at) {
    }

    /** A running clock with no step taken yet. */
    public static SlaClock start(SlaPolicy policy, BusinessCalendar calendar, SlaKind kind, Instant startedAt) {
        return new SlaClock(policy, calendar, kind, startedAt, Set.of(), null);
    }

    /** The breach: {@code startedAt} plus the target in business time. */
    public Instant deadline() {
        return calendar.plus(startedAt, policy.target(kind));
    }

    /** Every step the policy has, taken or not, with the instant it is due, in order. */
    public List<Due> schedule() {
        Instant deadline = deadline();
        List<Due> steps = new ArrayList<>(3);
        steps.add(new Due(SlaStep.REMIND, deadline));
        addAfter(deadline, SlaStep.ESCALATE, policy.escalateAfter(), steps);
        addAfter(deadline, SlaStep.REASSIGN, policy.reassignAfter(), steps);
        return steps;
    }

    /** The steps due at {@code now} (due at or before it) and not taken, in order; none once stopped. */
    public List<Due> dueAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return pending().stream().filter(due -> !due.at().isAfter(now)).toList();
    }

    /** When the first step not taken is due (already past when it is overdue); empty once stopped or all taken. */
    public Optional<Instant> nextDue() {
        return pending().stream().findFirst().map(Due::at);
    }

    public boolean isStopped() {
        return stoppedAt != null;
    }

    /** This clock with {@code step} taken as well. */
    public SlaClock taking(SlaStep step) {
        Objects.requireNonNull(step, "step");
        Set<SlaStep> steps = new HashSet<>(taken);
        steps.add(step);
        return new SlaClock(policy, calendar, kind, startedAt, steps, stoppedAt);
    }

    /** This clock stopped at {@code at}: contact was reported. A stopped clock keeps its first stop. */
    public SlaClock stop(Instant at) {
        Objects.requireNonNull(at, "at");
        return isStopped() ? this : new SlaClock(policy, calendar, kind, startedAt, taken, at);
    }

    private List<Due> pending() {
        if (isStopped()) {
            return List.of();
        }
        return schedule().stream().filter(due -> !taken.contains(due.step())).toList();
    }

    private void addAfter(Instant deadline, SlaStep step, Duration after, List<Due> steps) {
        if (after != null) {
            steps.add(new Due(step, calendar.plus(deadline, after)));
        }
    }
}
