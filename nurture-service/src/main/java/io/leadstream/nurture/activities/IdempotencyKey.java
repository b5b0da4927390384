package io.leadstream.nurture.activities;

import java.util.List;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * An {@code Idempotency-Key} and the caller it belongs to ({@code scope}: the caller's principal name), so two callers'
 * keys never meet. As in capture-service: the same key with the same request answers the activity it logged the first
 * time; with another request it is refused. Unlike capture's, the key is kept on the activity itself, for as long as
 * the activity lives.
 */
public record IdempotencyKey(String scope, String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    /** The key {@code caller} sent, or null when it sent none; a 400 problem naming the header when it is malformed. */
    public static IdempotencyKey parse(String caller, String header) {
        if (header == null) {
            return null;
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH || !header.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.badRequest("idempotency-key-invalid", "the " + HEADER + " header is malformed",
                    List.of(new FieldError(HEADER, "must be 1 to " + MAX_LENGTH
                            + " visible ASCII characters (no spaces), for example a UUID")));
        }
        return new IdempotencyKey("user:" + caller, header);
    }
}
