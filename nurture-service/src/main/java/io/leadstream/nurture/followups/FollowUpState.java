package io.leadstream.nurture.followups;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * Where a follow-up stands at a moment: {@code DONE} once completed; while open, {@code OVERDUE} when its due time has
 * passed (strictly before now) and {@code DUE} until then (due now or later, the follow-ups still to do in time).
 */
public enum FollowUpState {
    DUE, OVERDUE, DONE;

    /** The state at {@code now} of a follow-up due at {@code dueAt}, completed at {@code completedAt} (null: open). */
    public static FollowUpState of(Instant dueAt, Instant completedAt, Instant now) {
        if (completedAt != null) {
            return DONE;
        }
        return dueAt.isBefore(now) ? OVERDUE : DUE;
    }

    /** The state a list asks for ({@code due}, {@code overdue}, {@code done}; null or blank: due); else a 400 problem. */
    public static FollowUpState parse(String state) {
        if (state == null || state.isBlank()) {
            return DUE;
        }
        try {
            return valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("validation", "the state to list is not one of " + names(),
                    List.of(new FieldError("state", "must be one of " + names())));
        }
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(FollowUpState::slug).collect(Collectors.joining(", "));
    }
}
