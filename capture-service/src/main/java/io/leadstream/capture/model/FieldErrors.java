package io.leadstream.capture.model;

import java.util.List;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/** Checks that collect every offending field before answering, as bean validation does. */
public final class FieldErrors {

    private FieldErrors() {
    }

    /** A 400 validation problem listing {@code errors}, if there are any. */
    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation",
                    errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
    }
}
