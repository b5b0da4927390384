package io.leadstream.scoring.engine;

import java.time.Instant;

/** One thing a lead did (or reached) that counts towards engagement, with when it happened. */
public record Signal(Kind kind, String detail, Instant at) {

    public enum Kind {
        /** an inbound contact through an inquiry channel (capture's lead.inquired) */
        INQUIRY,
        /** the person submitted again and was merged into their lead (lead.merged, kind SUBMISSION) */
        RESUBMISSION,
        /** a logged activity (nurture's activity.logged) */
        ACTIVITY,
        /** the lead replied to a message we sent */
        MESSAGE_REPLIED,
        /** the lead entered a pipeline stage; detail is the stage */
        STAGE
    }
}
