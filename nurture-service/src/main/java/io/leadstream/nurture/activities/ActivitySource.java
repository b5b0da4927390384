package io.leadstream.nurture.activities;

/**
 * Who logged an activity: a rep (a person), an integration over the API, capture's inquiry channels, or nurture's own
 * sending (a message it sent; announced as message.sent, not activity.logged).
 */
public enum ActivitySource {
    REP,
    INTEGRATION,
    INQUIRY,
    MESSAGE
}
