package io.leadstream.nurture.history;

/** What nurture learned about a lead from another service's event (one {@link HistoryEntry} each). */
public enum HistoryKind {
    /** distribution put the lead in a pull queue (lead.queued) */
    QUEUED,
    /** distribution assigned the lead to a rep (lead.assigned) */
    ASSIGNED,
    /** a rep claimed the lead from a pull queue (lead.claimed) */
    CLAIMED,
    /** the lead moved to another rep: by a manager, on qualification or on an SLA breach (lead.reassigned) */
    REASSIGNED,
    /** the lead was offered to a partner company (lead.shared) */
    SHARED,
    /** a share ended unanswered, declined, reassigned or merged (lead.recalled) */
    RECALLED,
    /** the rep missed a first-touch or next-touch SLA step (sla.breached) */
    SLA_BREACHED,
    /** scoring-service scored the lead (lead.scored) */
    SCORED;

    /** Whether this is about who works the lead (the timeline's ASSIGNMENT entries) rather than its score. */
    public boolean assignment() {
        return this != SCORED;
    }
}
