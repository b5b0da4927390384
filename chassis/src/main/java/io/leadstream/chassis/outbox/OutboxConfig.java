package io.leadstream.chassis.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the transactional outbox relay ({@code leadstream.outbox.*}). */
@ConfigMapping(prefix = "leadstream.outbox")
public interface OutboxConfig {

    /**
     * Build-time switch: {@code false} for a service that publishes nothing (insights), which then gets no
     * {@code outbox} channel and no relay (both are {@code @IfBuildProperty}-guarded).
     */
    @WithDefault("true")
    boolean enabled();

    /** The CloudEvents {@code ce_source} of everything this service publishes. */
    @WithDefault("/${quarkus.application.name}")
    String source();

    /** Rows claimed and sent per relay transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker's acknowledgement before giving the batch back. */
    @WithDefault("15s")
    Duration sendTimeout();

    /**
     * How often the relay looks for committed rows even without a notification (after a missed NOTIFY,
     * or while the listening connection is down); each run drains everything pending.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** Whether the relay listens for the commit-time NOTIFY and publishes at once (else it only polls). */
    @WithDefault("true")
    boolean listen();

    /**
     * How many times a row whose own send failed for a reason that will not pass (the broker refused the record: too
     * large, an unknown topic, a serialisation error) is tried before it is parked: taken out of the relay's claims,
     * with its error kept, so the rows behind it flow. A failure that will pass (the broker unreachable, a timeout)
     * never parks a row.
     */
    @WithDefault("5")
    int maxAttempts();

    /** How long a published row is kept before the maintenance run deletes it. */
    @WithDefault("7d")
    Duration publishedRetention();

    /** How often the maintenance run refreshes the outbox metrics and purges published rows. */
    @WithDefault("1m")
    Duration maintenanceInterval();

    /** Whether the scheduled relay runs in this process (tests turn it off to drive it by hand). */
    @WithDefault("true")
    boolean relayEnabled();
}
