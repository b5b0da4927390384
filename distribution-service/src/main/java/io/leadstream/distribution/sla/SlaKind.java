package io.leadstream.distribution.sla;

/** Which target an SLA clock counts against, and from when. */
public enum SlaKind {
    /** From the lead's assignment to the rep's first contact: {@link SlaPolicy#firstTouch()}. */
    FIRST_TOUCH,
    /** From the last contact to the next: {@link SlaPolicy#nextTouch()}. */
    NEXT_TOUCH
}
