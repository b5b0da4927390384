package io.leadstream.chassis.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain error with its problem detail. Services throw these (or fail a Uni with them); the chassis
 * answers them as {@code application/problem+json}. {@code typeSlug} becomes the stable type URI
 * {@code https://leadstream.dev/problems/<slug>}.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private Integer retryAfterSeconds;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String typeSlug, String title, String detail) {
        super(detail);
        this.problem = Problem.of(status, typeSlug, title, detail);
    }

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** Answer with {@code Retry-After: seconds} (409 while something is in flight, 429 over a quota, 503). */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The {@code Retry-After} seconds, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Answer with this header too (e.g. the {@code RateLimit-*} headers of a 429). */
    public ProblemException header(String name, Object value) {
        headers.put(name, String.valueOf(value));
        return this;
    }

    /** Extra headers for the answer, in the order they were added. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** 429: over a quota or rate limit; say when to retry. */
    public static ProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ProblemException(429, "rate-limited", "Too Many Requests", detail).retryAfter(retryAfterSeconds);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not Found", what + " " + id + " was not found");
    }

    public static ProblemException conflict(String typeSlug, String detail) {
        return new ProblemException(409, typeSlug, "Conflict", detail);
    }

    public static ProblemException badRequest(String typeSlug, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, typeSlug, "Bad Request", detail).withErrors(errors));
    }
}
