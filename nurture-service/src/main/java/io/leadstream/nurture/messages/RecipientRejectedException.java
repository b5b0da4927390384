package io.leadstream.nurture.messages;

import io.leadstream.nurture.templates.Channel;

/** The channel refused the message for good (an invalid address or number, a request it will never accept). */
public class RecipientRejectedException extends RuntimeException {

    private final Channel channel;

    public RecipientRejectedException(Channel channel, String message) {
        this(channel, message, null);
    }

    public RecipientRejectedException(Channel channel, String message, Throwable cause) {
        super(message, cause);
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }
}
