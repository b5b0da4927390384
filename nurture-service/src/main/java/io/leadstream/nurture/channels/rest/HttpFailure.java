package io.leadstream.nurture.channels.rest;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.ChannelUnavailableException;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.vertx.core.VertxException;

/**
 * One failed attempt of an HTTP channel, as the guard judges it: {@link Kind#TRANSIENT} is retried and counts against
 * the circuit breaker, {@link Kind#TIMEOUT} too (retried only where the channel allows it), {@link Kind#UNAVAILABLE}
 * counts but is not retried (credentials refused, throttled for longer than we wait), {@link Kind#REJECTED} is neither
 * retried nor held against the provider (the message itself is refused).
 */
final class HttpFailure extends RuntimeException {

    enum Kind {
        TRANSIENT, TIMEOUT, UNAVAILABLE, REJECTED
    }

    final Kind kind;
    final Duration retryAfter;

    HttpFailure(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    boolean retryable(boolean onTimeout) {
        return kind == Kind.TRANSIENT || kind == Kind.TIMEOUT && onTimeout;
    }

    boolean holdsAgainstProvider() {
        return kind != Kind.REJECTED;
    }

    /**
     * The generic reading of an attempt's failure: 5xx and 408 transient; 429 transient when its Retry-After is at
     * most {@code maxRetryAfter} (or absent), else unavailable with that wait; 401 and 403 unavailable (our
     * credentials); any other 4xx rejected; no connection or a broken one transient; an unreadable answer unavailable.
     * {@code name} is how messages name the provider ("the SMS gateway").
     */
    static HttpFailure of(Throwable failure, String name, Duration maxRetryAfter, Clock clock, String detail) {
        if (failure instanceof HttpFailure known) {
            return known;
        }
        if (failure instanceof WebApplicationException http && http.getResponse() != null) {
            Response response = http.getResponse();
            int status = response.getStatus();
            String suffix = detail == null || detail.isBlank() ? "" : ": " + detail;
            if (status >= 500 || status == 408) {
                return new HttpFailure(Kind.TRANSIENT, name + " answered HTTP " + status + suffix, null, failure);
            }
            if (status == 429) {
                Duration wait = retryAfter(response.getHeaderString("Retry-After"), clock);
                if (wait != null && wait.compareTo(maxRetryAfter) > 0) {
                    return new HttpFailure(Kind.UNAVAILABLE, name + " is throttling us (HTTP 429, retry after "
                            + wait.toSeconds() + " s)" + suffix, wait, failure);
                }
                return new HttpFailure(Kind.TRANSIENT, name + " is throttling us (HTTP 429)" + suffix, wait, failure);
            }
            if (status == 401 || status == 403) {
                return new HttpFailure(Kind.UNAVAILABLE, name + " refused our credentials (HTTP " + status
                        + "): check the configured token or key" + suffix, null, failure);
            }
            return new HttpFailure(Kind.REJECTED, name + " refused the message (HTTP " + status + ")" + suffix, null,
                    failure);
        }
        if (find(failure, JsonProcessingException.class) != null) {
            return new HttpFailure(Kind.UNAVAILABLE, "unreadable answer from " + name, null, failure);
        }
        if (find(failure, ConnectException.class) != null) {
            return new HttpFailure(Kind.TRANSIENT, name + " is unreachable (connection refused)", null, failure);
        }
        if (find(failure, IOException.class) != null || find(failure, VertxException.class) != null) {
            return new HttpFailure(Kind.TRANSIENT, "no answer from " + name + " ("
                    + rootOf(failure).getClass().getSimpleName() + ")", null, failure);
        }
        return new HttpFailure(Kind.UNAVAILABLE, "no usable answer from " + name + " ("
                + rootOf(failure).getClass().getSimpleName() + ")", null, failure);
    }

    /** What the guarded send's failure is in the port's terms. */
    static RuntimeException toPort(Throwable failure, Channel channel, String name) {
        if (failure instanceof HttpFailure http) {
            return http.kind == Kind.REJECTED
                    ? new RecipientRejectedException(channel, http.getMessage(), http)
                    : new ChannelUnavailableException(channel, http.getMessage(), http, http.retryAfter);
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new ChannelUnavailableException(channel, name + " is left alone for a while after repeated "
                    + "failures (circuit breaker open)", failure);
        }
        if (failure instanceof RecipientRejectedException || failure instanceof ChannelUnavailableException) {
            return (RuntimeException) failure;
        }
        return new ChannelUnavailableException(channel, "sending through " + name + " failed ("
                + failure.getClass().getSimpleName() + ")", failure);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
