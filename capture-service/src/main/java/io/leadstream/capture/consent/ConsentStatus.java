package io.leadstream.capture.consent;

/** What a consent entry says: the person agreed, or took the agreement back. */
public enum ConsentStatus {
    GRANTED,
    WITHDRAWN
}
