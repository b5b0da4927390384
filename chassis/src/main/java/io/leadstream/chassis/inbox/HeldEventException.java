package io.leadstream.chassis.inbox;

/**
 * An event of a lead whose earlier event this consumer dead-lettered: applying it now would apply the lead's events
 * out of order, so it is dead-lettered at once, after the earlier one. A replay of the dead-letter topic brings both
 * back in their order; until then the lead's later events keep following (docs/events.md, "Order").
 */
public class HeldEventException extends RuntimeException {

    public HeldEventException(String message) {
        super(message);
    }
}
