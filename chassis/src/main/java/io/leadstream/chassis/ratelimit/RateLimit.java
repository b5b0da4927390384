package io.leadstream.chassis.ratelimit;

import java.time.Duration;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * A rate-limit policy: at most {@code permits} requests per {@code window}, refilled continuously (a token
 * bucket holding {@code permits} tokens that refills {@code permits} tokens per window), so a quiet client may
 * burst up to {@code permits} at once.
 */
public record RateLimit(int permits, Duration window) {

    public RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    public static RateLimit of(int permits, Duration window) {
        return new RateLimit(permits, window);
    }

    /**
     * {@code 120/1m} → 120 per minute ({@code <permits>/<window>}, the window as Quarkus reads durations: 1m, 1h,
     * PT1M); anything else is an {@link IllegalArgumentException} saying what was expected.
     */
    public static RateLimit parse(String value) {
        String[] parts = value == null ? new String[0] : value.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected <permits>/<window> such as 120/1m, was " + value);
        }
        return RateLimit.of(Integer.parseInt(parts[0].strip()), DurationConverter.parseDuration(parts[1].strip()));
    }

    /** The policy in the {@code RateLimit-Policy} header's form: {@code 100;w=60}. */
    public String policy() {
        return permits + ";w=" + Math.max(1, window.toSeconds());
    }
}
