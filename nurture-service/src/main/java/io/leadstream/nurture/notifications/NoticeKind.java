package io.leadstream.nurture.notifications;

/** What a notice tells its recipient. */
public enum NoticeKind {
    /** lead.assigned: the lead is yours now. */
    ASSIGNED,
    /** lead.reassigned: the lead is yours now, and who had it before. */
    REASSIGNED,
    /** sla.breached REMIND: you missed the lead's first-touch or next-touch target. */
    SLA_MISSED,
    /** sla.breached ESCALATE, to the rep: still missed, your manager has been told. */
    SLA_ESCALATED,
    /** sla.breached ESCALATE, to the manager: one of your reps missed the target on the lead. */
    SLA_ESCALATED_TO_MANAGER,
    /** sla.breached REASSIGN, to the rep who had the lead: it was taken from you and given to another rep. */
    SLA_TAKEN_AWAY,
    /** sla.breached REASSIGN with nobody else eligible: still missed, the lead stays with you. */
    SLA_NOT_REASSIGNED
}
