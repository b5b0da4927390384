package io.leadstream.chassis.inbox;

/**
 * Thrown by a handler when the event cannot be applied <em>yet</em> but will be (a resource it needs is
 * unavailable): {@link EventDispatcher} retries it with back-off for as long as it takes, holding the partition,
 * instead of dead-lettering it. Database and broker outages, timeouts and serialization conflicts are recognised
 * without it ({@link Failures}).
 */
public class TransientEventFailure extends RuntimeException {

    public TransientEventFailure(String message) {
        super(message);
    }

    public TransientEventFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
