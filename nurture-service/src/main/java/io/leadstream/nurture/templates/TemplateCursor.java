package io.leadstream.nurture.templates;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * Where the previous page of templates ended (its last template's key, channel and language, the list's order), as the
 * opaque {@code cursor} the API hands out.
 */
public record TemplateCursor(String key, Channel channel, String language) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key + "|" + channel + "|" + language).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, null for none; a 400 problem naming {@code cursor} when it is not one this API handed out. */
    public static TemplateCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not three parts");
            }
            return new TemplateCursor(parts[0], Channel.valueOf(parts[1]), parts[2]);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("validation", "the cursor is not one this API handed out",
                    List.of(new FieldError("cursor", "is not a cursor from a previous page")));
        }
    }
}
