package io.leadstream.nurture.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code leadstream.nurture.webhooks.*}: outbound webhooks (README "Outbound webhooks"). */
@ConfigMapping(prefix = "leadstream.nurture.webhooks")
public interface WebhooksConfig {

    /** How often the delivery pass runs ({@code off} in tests, which run it themselves). */
    @WithDefault("1s")
    String deliverEvery();

    /** Deliveries claimed per pass. */
    @WithDefault("50")
    int batch();

    /** Deliveries in flight at once in a pass (never two of one lead and subscription). */
    @WithDefault("8")
    int concurrency();

    /**
     * How long a new delivery waits before its first attempt, so that an earlier event of the same lead read from
     * another topic is queued before it and goes first (per-lead order across topics).
     */
    @WithDefault("2s")
    Duration settle();

    /**
     * How long a delivery for a filtered subscription waits for its lead's attributes ({@code lead.captured}, read from
     * another topic) when the lead was unknown as the event was read; still unknown then, it is dropped.
     */
    @WithDefault("5m")
    Duration filterWait();

    /** The wait after the first failed attempt; it doubles after each one. */
    @WithDefault("10s")
    Duration firstRetry();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration maxRetryInterval();

    /** A delivery still failing this long after its first attempt is given up and its subscription paused. */
    @WithDefault("24h")
    Duration retryWindow();

    /** How long one attempt may take, from connecting to the answer's status. */
    @WithDefault("10s")
    Duration timeout();

    /** Connecting to the target at most this long. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long a claimed delivery is left alone before another pass may take it (its pass died). */
    @WithDefault("2m")
    Duration lease();

    /** Delivered rows kept this long in the delivery log, then deleted. */
    @WithDefault("7d")
    Duration keepDelivered();

    /** Who is told by email when a subscription is paused (the admins' addresses); none: a warning in the log only. */
    @WithName("notify")
    Optional<List<String>> notifyAddresses();

    /** The circuit breaker of each target (scheme, host and port). */
    CircuitBreaker circuitBreaker();

    interface CircuitBreaker {

        /** The rolling window: how many recent attempts to the target are judged. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** The share of failed attempts in the window that opens the circuit. */
        @WithDefault("0.8")
        double failureRatio();

        /** How long an open circuit lets no attempt through to the target before a trial one. */
        @WithDefault("60s")
        Duration delay();
    }
}
