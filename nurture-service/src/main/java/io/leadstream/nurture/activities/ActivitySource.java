package io.leadstream.nurture.activities;

/** Who logged an activity: a rep (a person), an integration over the API, or capture's inquiry channels. */
public enum ActivitySource {
    REP,
    INTEGRATION,
    INQUIRY
}
