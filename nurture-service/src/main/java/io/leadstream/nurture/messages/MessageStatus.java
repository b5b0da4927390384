package io.leadstream.nurture.messages;

/** Where a message stands: being handed to its channel, accepted by it, or not (see {@code error}). */
public enum MessageStatus {
    SENDING, SENT, FAILED
}
