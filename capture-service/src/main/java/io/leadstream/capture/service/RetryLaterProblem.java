package io.leadstream.capture.service;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;

/**
 * A problem the caller may retry after {@code retryAfterSeconds}: answered with a {@code Retry-After} header
 * (the chassis' {@link ProblemException} carries no headers; {@code rest.RetryLaterMapper} adds it).
 */
public class RetryLaterProblem extends ProblemException {

    private final int retryAfterSeconds;

    public RetryLaterProblem(Problem problem, int retryAfterSeconds) {
        super(problem);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
