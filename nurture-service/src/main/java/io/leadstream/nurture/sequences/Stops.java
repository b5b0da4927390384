package io.leadstream.nurture.sequences;

/** Why an enrolment stopped ({@code enrolment.stop_reason}, EnrolmentView's stopReason). */
final class Stops {

    /** The lead answered: an inbound email, WhatsApp message or SMS. */
    static final String REPLIED = "replied";
    /** The lead entered one of the sequence's stop stages. */
    static final String STAGE_CHANGED = "stage-changed";
    /** The lead withdrew consent for the sequence's purpose (or all) on a channel a step uses. */
    static final String UNSUBSCRIBED = "unsubscribed";
    static final String ERASED = "erased";
    /** The lead was merged into one already in the sequence. */
    static final String MERGED = "merged";
    /** A rep or manager stopped it (DELETE). */
    static final String STOPPED = "stopped";
    /** A step could not be sent after every try, or never can be (its template needs values, the channel refused). */
    static final String STEP_FAILED = "step-failed";

    private Stops() {
    }
}
