package io.leadstream.capture.idempotency;

import java.util.UUID;

/**
 * An answer as it went over the wire, as the REST edge rendered it: status, {@code Location} (or null) and the body
 * exactly as sent (JSON, or problem+json from 400 up). What an {@code Idempotency-Key} stores and replays, so a
 * replay is the same bytes; {@code replayed} marks a replay. {@code leadId} is the lead the answer is about (never
 * sent): erasing that lead deletes the stored answer, whatever the answer shows.
 */
public record Reply(int status, String location, String body, boolean replayed, UUID leadId) {

    public boolean isProblem() {
        return status >= 400;
    }
}
