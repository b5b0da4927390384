package io.leadstream.nurture.channels.rest;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.util.TypeLiteral;

import io.leadstream.nurture.messages.Delivery;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * The guard around an HTTP channel's attempts (SmallRye Fault Tolerance's programmatic API, so that its settings are
 * the channel's own {@code leadstream.nurture.<channel>.*} keys): a retry for transient failures, waiting at least a
 * 429's Retry-After, around a circuit breaker named after the channel that counts every failed attempt except a
 * refused message. The retry gives up at once on an open circuit.
 */
final class HttpGuard {

    private HttpGuard() {
    }

    static TypedGuard<Uni<Delivery>> create(String name, Resilience config) {
        Resilience.Retry retry = config.retry();
        Resilience.CircuitBreaker breaker = config.circuitBreaker();
        return TypedGuard.create(new TypeLiteral<Uni<Delivery>>() {
        })
                .withDescription(name)
                // non-blocking attempts, not offloaded: every attempt and the answer stay on the caller's Vert.x context,
                // so a caller's reactive session or transaction stays usable (WhatsAppSenderTest checks it)
                .withThreadOffload(false)
                .withRetry()
                .maxRetries(retry.maxRetries())
                .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
                .whenException(e -> e instanceof HttpFailure failure && failure.retryable(retry.onTimeout()))
                .withCustomBackoff().strategy(() -> new RetryAfterBackoff(retry.maxRetryAfter())).done()
                .done()
                .withCircuitBreaker()
                .name(name)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                .when(e -> !(e instanceof HttpFailure failure) || failure.holdsAgainstProvider())
                .done()
                .build();
    }

    /** The configured delay, or a 429's Retry-After where that is longer (never more than the configured maximum). */
    static final class RetryAfterBackoff implements CustomBackoffStrategy {

        private final Duration max;
        private long delay;

        RetryAfterBackoff(Duration max) {
            this.max = max;
        }

        @Override
        public void init(long initialDelayInMillis) {
            this.delay = initialDelayInMillis;
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            if (cause instanceof HttpFailure failure && failure.retryAfter != null) {
                return Math.max(delay, Math.min(failure.retryAfter.toMillis(), max.toMillis()));
            }
            return delay;
        }
    }
}
