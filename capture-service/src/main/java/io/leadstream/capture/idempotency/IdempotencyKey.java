package io.leadstream.capture.idempotency;

import java.security.Principal;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * An {@code Idempotency-Key} and the caller it belongs to. Keys of different callers never meet: the scope is
 * the token's client ({@code azp}) and subject, so neither two apps nor two users of one browser app can
 * collide with, or replay, each other's responses. Without a JWT (tests with {@code @TestSecurity}) the
 * principal's name is the scope.
 */
public record IdempotencyKey(String scope, String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    /** The key the caller sent, or null when it sent none; a 400 problem naming the header when it is malformed. */
    public static IdempotencyKey parse(Principal caller, String header) {
        if (header == null) {
            return null;
        }
        if (!isWellFormed(header)) {
            throw ProblemException.badRequest("idempotency-key-invalid", "the " + HEADER + " header is malformed",
                    List.of(new FieldError(HEADER, "must be 1 to " + MAX_LENGTH
                            + " visible ASCII characters (no spaces), for example a UUID")));
        }
        return new IdempotencyKey(scopeOf(caller), header);
    }

    static boolean isWellFormed(String key) {
        return !key.isEmpty() && key.length() <= MAX_LENGTH && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    static String scopeOf(Principal caller) {
        if (caller instanceof JsonWebToken jwt) {
            Object client = jwt.getClaim("azp");
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            return (client == null ? "" : "client:" + client + " ") + "user:" + subject;
        }
        return "user:" + caller.getName();
    }
}
