package io.leadstream.nurture.followups;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/** Where the previous page of a follow-up list ended (its last follow-up's due time and id), as the opaque cursor. */
public record FollowUpCursor(Instant dueAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((dueAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, null for none; a 400 problem naming {@code cursor} when it is not one this API handed out. */
    public static FollowUpCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new FollowUpCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("validation", "the cursor is not one this API handed out",
                    List.of(new FieldError("cursor", "is not a cursor from a previous page")));
        }
    }
}
