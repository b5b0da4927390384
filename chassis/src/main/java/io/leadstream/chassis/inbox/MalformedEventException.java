package io.leadstream.chassis.inbox;

/** An event that can never be processed (no ce_id, unreadable data): retried no further, sent to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
