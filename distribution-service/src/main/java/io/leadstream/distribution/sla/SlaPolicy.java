package io.leadstream.distribution.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.leadstream.chassis.problem.Problem.FieldError;

/**
 * How soon a rep must touch a lead, in business time: {@code firstTouch} after assignment, {@code nextTouch} after
 * the last contact. At the breach the rep is reminded; {@code escalateAfter} later (business time after the breach)
 * the manager is told, {@code reassignAfter} later the lead is reassigned; null: no such step. Built as given, so
 * that {@link #validate()} can name every offending field.
 */
public record SlaPolicy(Duration firstTouch, Duration nextTouch, Duration escalateAfter, Duration reassignAfter) {

    public static final Duration MIN = Duration.ofMinutes(1);
    public static final Duration MAX = Duration.ofDays(30);

    /** The target {@code kind} counts against. */
    public Duration target(SlaKind kind) {
        return switch (kind) {
            case FIRST_TOUCH -> firstTouch;
            case NEXT_TOUCH -> nextTouch;
        };
    }

    /**
     * What is wrong, one entry per field in the order of the record (empty: valid): targets are required, every
     * duration is between 1 minute and 30 days, and {@code reassignAfter} comes after {@code escalateAfter}.
     */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        check("firstTouch", firstTouch, true, errors);
        check("nextTouch", nextTouch, true, errors);
        boolean escalateValid = check("escalateAfter", escalateAfter, false, errors);
        boolean reassignValid = check("reassignAfter", reassignAfter, false, errors);
        if (escalateValid && reassignValid && escalateAfter != null && reassignAfter != null
                && reassignAfter.compareTo(escalateAfter) <= 0) {
            errors.add(new FieldError("reassignAfter", "must be after escalateAfter"));
        }
        return errors;
    }

    private static boolean check(String field, Duration value, boolean required, List<FieldError> errors) {
        String message = null;
        if (value == null) {
            message = required ? "is required" : null;
        } else if (value.isNegative() || value.isZero()) {
            message = "must be positive";
        } else if (value.compareTo(MIN) < 0) {
            message = "must be at least 1 minute";
        } else if (value.compareTo(MAX) > 0) {
            message = "must be at most 30 days";
        }
        if (message != null) {
            errors.add(new FieldError(field, message));
        }
        return message == null;
    }
}
