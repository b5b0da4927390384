package io.leadstream.nurture.activities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    /**
     * The fingerprint a key is bound to: SHA-256 over the lead and the request as the caller sent it (as JSON), so that
     * the same key with another request is told apart.
     */
    public static String fingerprint(ObjectMapper mapper, UUID leadId, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((leadId + "\n" + mapper.writeValueAsString(request)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    /** The 422 problem for a key used before with another request (as for every Idempotency-Key in the suite). */
    public static ProblemException reused(String what) {
        return new ProblemException(422, "idempotency-key-reused", "Unprocessable Content", "this " + HEADER
                + " was already used with a different request; send a new key for " + what);
    }

    /** Whether {@code failure} is the unique index {@code index} on (scope, key) refusing a concurrent twin request. */
    public static boolean isRace(Throwable failure, String index) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(index)) {
                return true;
            }
        }
        return false;
    }
}
