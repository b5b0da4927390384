package io.leadstream.nurture.stages;

/**
 * The eight stages of the pipeline (architecture.md): {@code OPEN → CONTACTED → NURTURING → QUALIFIED →
 * NEGOTIATION → CUSTOMER} (won), plus {@code INACTIVE} (was a customer, now dormant) and
 * {@code UNQUALIFIED} (needs don't match). Guarded transitions arrive with the nurture issue.
 */
public enum Stage {
    OPEN,
    CONTACTED,
    NURTURING,
    QUALIFIED,
    NEGOTIATION,
    CUSTOMER,
    INACTIVE,
    UNQUALIFIED
}
