package io.leadstream.nurture.stages;

import java.util.Objects;


/** What an assignment, a claim or a reassignment from distribution does to a lead nurture may already know. */
public enum AssignmentDecision {
    /** First assignment: the lead enters the pipeline at OPEN, owned by the rep, and that is announced. */
    OPEN,
    /** A later assignment or reassignment to another rep: the owner changes, the stage stays, nothing is announced. */
    CHANGE_OWNER,
    /** The lead already belongs to this rep. */
    NONE;

    public static AssignmentDecision of(LeadStage current, String repId) {
        if (current == null) {
            return OPEN;
        }
        return Objects.equals(current.owner, repId) ? NONE : CHANGE_OWNER;
    }
}
