package io.leadstream.chassis.ratelimit;

import java.time.Duration;

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

    /** The policy in the {@code RateLimit-Policy} header's form: {@code 100;w=60}. */
    public String policy() {
        return permits + ";w=" + Math.max(1, window.toSeconds());
    }
}
