package io.leadstream.nurture.channels.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Reading {@code Retry-After} (seconds or an HTTP date) for the HTTP senders; a plain unit test. */
class HttpFailureSenderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T22:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadRetryAfterAsSecondsOrAsAnHttpDate() {
        assertThat(HttpFailure.retryAfter("7", CLOCK)).isEqualTo(Duration.ofSeconds(7));
        assertThat(HttpFailure.retryAfter("Thu, 03 Dec 2026 22:02:00 GMT", CLOCK)).isEqualTo(Duration.ofMinutes(2));
        assertThat(HttpFailure.retryAfter("Thu, 03 Dec 2026 21:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(HttpFailure.retryAfter("-5", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(HttpFailure.retryAfter("soon", CLOCK)).isNull();
        assertThat(HttpFailure.retryAfter(null, CLOCK)).isNull();
    }

    @Test
    void shouldWaitAtLeastTheDelayAndAtMostTheConfiguredMaximumBeforeARetry() {
        HttpGuard.RetryAfterBackoff backoff = new HttpGuard.RetryAfterBackoff(Duration.ofSeconds(10));
        backoff.init(500);

        assertThat(backoff.nextDelayInMillis(new RuntimeException("503"))).isEqualTo(500);
        assertThat(backoff.nextDelayInMillis(throttled(Duration.ofSeconds(3)))).isEqualTo(3_000);
        assertThat(backoff.nextDelayInMillis(throttled(Duration.ofMillis(100)))).isEqualTo(500);
        assertThat(backoff.nextDelayInMillis(throttled(Duration.ofMinutes(5)))).isEqualTo(10_000);
    }

    @Test
    void shouldRetryABrokenConnectionButNotAnUnreadableAnswer() {
        HttpFailure refused = HttpFailure.of(new RuntimeException(new java.net.ConnectException("Connection refused")),
                "the SMS gateway", Duration.ofSeconds(10), CLOCK, null);
        HttpFailure reset = HttpFailure.of(new java.io.IOException("Connection reset"), "the SMS gateway",
                Duration.ofSeconds(10), CLOCK, null);
        HttpFailure unreadable = HttpFailure.of(new RuntimeException(
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character")), "the SMS gateway",
                Duration.ofSeconds(10), CLOCK, null);

        assertThat(refused.kind).isEqualTo(HttpFailure.Kind.TRANSIENT);
        assertThat(refused).hasMessage("the SMS gateway is unreachable (connection refused)");
        assertThat(reset.kind).isEqualTo(HttpFailure.Kind.TRANSIENT);
        assertThat(unreadable.kind).as("the gateway may have taken it: not repeated at once")
                .isEqualTo(HttpFailure.Kind.UNAVAILABLE);
        assertThat(unreadable.holdsAgainstProvider()).isTrue();
    }

    @Test
    void shouldMapTheGuardsOutcomeToThePortsExceptions() {
        assertThat(HttpFailure.toPort(new HttpFailure(HttpFailure.Kind.REJECTED, "refused", null, null),
                io.leadstream.nurture.templates.Channel.SMS, "the SMS gateway"))
                .isInstanceOf(io.leadstream.nurture.messages.RecipientRejectedException.class).hasMessage("refused");
        assertThat(HttpFailure.toPort(new HttpFailure(HttpFailure.Kind.TIMEOUT, "late", null, null),
                io.leadstream.nurture.templates.Channel.SMS, "the SMS gateway"))
                .isInstanceOf(io.leadstream.nurture.messages.ChannelUnavailableException.class).hasMessage("late");
        assertThat(HttpFailure.toPort(new org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException(),
                io.leadstream.nurture.templates.Channel.SMS, "the SMS gateway"))
                .isInstanceOf(io.leadstream.nurture.messages.ChannelUnavailableException.class)
                .hasMessageContaining("circuit breaker open");
    }

    private static HttpFailure throttled(Duration wait) {
        return new HttpFailure(HttpFailure.Kind.TRANSIENT, "429", wait, null);
    }
}
