package io.leadstream.nurture.sequences;

/** Where a lead's enrolment in a sequence stands: sending its steps, done with the last, or stopped (and why). */
public enum EnrolmentState {
    ACTIVE, COMPLETED, STOPPED
}
