package io.leadstream.chassis.inbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How {@link EventDispatcher} retries ({@code leadstream.events.*}). */
@ConfigMapping(prefix = "leadstream.events")
public interface EventsConfig {

    /** Retries of an event whose failure looks permanent, before it goes to the dead-letter topic. */
    @WithDefault("3")
    int permanentRetries();

    /** The first pause before a retry; each further pause doubles, up to the maximum of its kind. */
    @WithDefault("100ms")
    Duration initialBackoff();

    /** The longest pause between retries of a failure that looks permanent. */
    @WithDefault("2s")
    Duration permanentMaxBackoff();

    /**
     * The longest pause between retries of a transient failure (database or broker down), which are retried for as
     * long as the failure lasts: the first retry after the resource is back comes at most this late.
     */
    @WithDefault("5s")
    Duration transientMaxBackoff();

    /**
     * The topic the service's Kafka channels park dead letters on ({@code leads.dlq.<service>}); the chassis sets it as
     * every channel's {@code dead-letter-queue.topic}. Required once the service consumes from Kafka.
     */
    Optional<String> deadLetterTopic();

    /**
     * The most events of one poll applied in one transaction (channels on the Kafka connector receive a poll's records
     * as one batch). 1 applies each event in a transaction of its own.
     */
    @WithDefault("100")
    int batchSize();

    /**
     * How long a numbered event's {@code processed_event} row is kept. A copy read again later (a rewound consumer
     * group) comes behind its lead's last applied event and is skipped without it; rows of unnumbered events are kept.
     */
    @WithDefault("14d")
    Duration processedRetention();

    /** How often {@link InboxMaintenance} purges and refreshes its gauge. */
    @WithDefault("1m")
    Duration maintenanceInterval();

    /** How often a consumer still waiting on a transient failure says so in the log. */
    @WithDefault("30s")
    Duration transientLogInterval();
}
