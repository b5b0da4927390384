package io.leadstream.nurture.activities;

/** What happened with a lead (activity.logged's kind). */
public enum ActivityKind {
    CALL,
    EMAIL,
    WHATSAPP,
    SMS,
    MEETING,
    NOTE,
    DOCUMENT;

    /** Calls and messages have a direction: who reached whom. */
    public boolean hasDirection() {
        return this == CALL || isMessage();
    }

    /** Emails, WhatsApp messages and SMS: may have a subject and a text, and may answer a message nurture sent. */
    public boolean isMessage() {
        return this == EMAIL || this == WHATSAPP || this == SMS;
    }

    /** Calls and meetings last a while and have an outcome. */
    public boolean hasDurationAndOutcome() {
        return this == CALL || this == MEETING;
    }
}
