package io.leadstream.distribution.sla;

/** What happens once a target is breached, in the order it happens. */
public enum SlaStep {
    /** At the breach: the rep is reminded ({@code sla.breached}). */
    REMIND,
    /** {@link SlaPolicy#escalateAfter()} after the breach: the rep's manager is told. */
    ESCALATE,
    /** {@link SlaPolicy#reassignAfter()} after the breach: the lead goes to another rep ({@code lead.reassigned}). */
    REASSIGN
}
