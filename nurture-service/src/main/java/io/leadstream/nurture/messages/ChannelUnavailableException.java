package io.leadstream.nurture.messages;

import java.time.Duration;
import java.util.Optional;

import io.leadstream.nurture.templates.Channel;

/**
 * The channel cannot take a message now (timeouts, server errors, too many requests, an open circuit breaker); it may
 * later. {@link #retryAfter()} is how long the provider asked us to wait, where it said so (an HTTP 429's
 * {@code Retry-After} longer than an adapter waits by itself).
 */
public class ChannelUnavailableException extends RuntimeException {

    private final Channel channel;
    private final Duration retryAfter;

    public ChannelUnavailableException(Channel channel, String message, Throwable cause) {
        this(channel, message, cause, null);
    }

    public ChannelUnavailableException(Channel channel, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.channel = channel;
        this.retryAfter = retryAfter;
    }

    public Channel channel() {
        return channel;
    }

    /** How long the provider asked to wait before the next message, if it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
