package io.leadstream.capture.service;

import java.net.URI;

/**
 * An answer as it goes over the wire: status, {@code Location} (or null) and the body exactly as sent (JSON,
 * or problem+json from 400 up). What an {@code Idempotency-Key} stores and replays, so a replay is the same
 * bytes; {@code replayed} marks a replay.
 */
public record Reply(int status, String location, String body, boolean replayed) {

    public static Reply created(URI location, String json) {
        return new Reply(201, location.toString(), json, false);
    }

    /** 200 with the existing resource: the request was merged into it (de-duplication). */
    public static Reply ok(URI location, String json) {
        return new Reply(200, location.toString(), json, false);
    }

    public boolean isProblem() {
        return status >= 400;
    }
}
