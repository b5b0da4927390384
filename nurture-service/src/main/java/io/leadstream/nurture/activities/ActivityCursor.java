package io.leadstream.nurture.activities;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * Where the previous page of a lead's activities ended (its last activity's time and id), as the opaque {@code cursor}
 * the API hands out: pages stay stable while activities are added.
 */
public record ActivityCursor(Instant occurredAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, null for none; a 400 problem naming {@code cursor} when it is not one this API handed out. */
    public static ActivityCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new ActivityCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("validation", "the cursor is not one this API handed out",
                    List.of(new FieldError("cursor", "is not a cursor from a previous page")));
        }
    }
}
