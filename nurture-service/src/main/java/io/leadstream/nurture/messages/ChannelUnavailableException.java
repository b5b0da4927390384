package io.leadstream.nurture.messages;

import io.leadstream.nurture.templates.Channel;

/** The channel cannot take a message now (timeouts, server errors, an open circuit breaker); it may later. */
public class ChannelUnavailableException extends RuntimeException {

    private final Channel channel;

    public ChannelUnavailableException(Channel channel, String message, Throwable cause) {
        super(message, cause);
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }
}
