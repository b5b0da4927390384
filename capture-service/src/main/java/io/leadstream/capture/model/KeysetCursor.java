package io.leadstream.capture.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * Where the previous page of a newest-first list ended (its last row's time and id), as the opaque {@code cursor}
 * the API hands out: pages stay stable while rows are added.
 */
public record KeysetCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor; a 400 problem naming {@code cursor} when it is not one this API handed out. */
    public static KeysetCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new KeysetCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("validation", "the cursor is not one this API handed out",
                    List.of(new FieldError("cursor", "is not a cursor from a previous page")));
        }
    }
}
