package io.leadstream.capture.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code leadstream.capture.idempotency.*}: how long keys live and how a repeated request waits for the first. */
@ConfigMapping(prefix = "leadstream.capture.idempotency")
public interface IdempotencyConfig {

    /** How long a key is honoured after it was first used. */
    @WithDefault("24h")
    Duration ttl();

    /** How long a request that finds its key in flight waits for the first to finish before answering 409. */
    @WithName("wait")
    @WithDefault("5s")
    Duration maxWait();

    /** How often a waiting request looks at the key again. */
    @WithDefault("50ms")
    Duration pollInterval();

    /** An IN_FLIGHT claim older than this is taken to be from a crashed request and may be taken over. */
    @WithDefault("60s")
    Duration staleAfter();
}
