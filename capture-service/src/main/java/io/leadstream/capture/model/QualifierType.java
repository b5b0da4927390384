package io.leadstream.capture.model;

/** The type of a custom qualifier's values (a lead's {@code qualifiers.custom}). */
public enum QualifierType {
    /** a non-blank string of up to 500 characters (trimmed); free text, so never carried in events */
    STRING,
    /** a JSON number */
    NUMBER,
    /** true or false */
    BOOLEAN,
    /** an ISO date string, 2026-11-22 */
    DATE,
    /** one of the definition's options (matched ignoring case, stored as the option is written) */
    ENUM
}
