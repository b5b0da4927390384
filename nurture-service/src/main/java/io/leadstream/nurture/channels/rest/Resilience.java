package io.leadstream.nurture.channels.rest;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * How an HTTP channel is guarded: {@code leadstream.nurture.<channel>.retry.*} and
 * {@code leadstream.nurture.<channel>.circuit-breaker.*} (README "Channels").
 */
public interface Resilience {

    Retry retry();

    CircuitBreaker circuitBreaker();

    interface Retry {

        /** Attempts after the first one, for transient failures only (no connection, 5xx, 408, 429). */
        @WithDefault("2")
        int maxRetries();

        /** Wait before each retry (at least what a 429's Retry-After asks, up to {@link #maxRetryAfter()}). */
        @WithDefault("500ms")
        Duration delay();

        /** Random variation of {@link #delay()}, plus or minus. */
        @WithDefault("200ms")
        Duration jitter();

        /** The longest Retry-After of a 429 the adapter waits out itself; a longer one ends the send at once. */
        @WithDefault("10s")
        Duration maxRetryAfter();

        /** Whether an attempt that timed out is tried again: the provider may have taken it (see README). */
        @WithDefault("true")
        boolean onTimeout();

        /** No retry starts after this much time since the first attempt. */
        @WithDefault("60s")
        Duration maxDuration();
    }

    interface CircuitBreaker {

        /** The rolling window: how many recent attempts are judged. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** The share of failed attempts in the window that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit lets nothing through before a trial call. */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls that close it again. */
        @WithDefault("1")
        int successThreshold();
    }
}
