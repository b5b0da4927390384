package io.leadstream.insights.rebuild;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a rebuild replays the topics ({@code leadstream.insights.rebuild.*}). */
@ConfigMapping(prefix = "leadstream.insights.rebuild")
public interface RebuildConfig {

    /** The topics the read models are built from: the four channels' topics. */
    @WithDefault("leads.capture,leads.scoring,leads.distribution,leads.nurture")
    List<String> topics();

    /**
     * Rebuild even when a topic no longer holds its first events (retention or deleted records took some): the rebuilt
     * figures then miss what those events made. Off: such a rebuild is refused and the current figures kept.
     */
    @WithDefault("false")
    boolean allowTruncatedTopics();

    /** The replay's consumer group is this followed by the rebuild's id, so that every rebuild starts at the beginning. */
    @WithDefault("insights-service.rebuild-")
    String groupPrefix();

    /** Once the fresh tables are this close to the topics' ends (in events), they replace the old ones. */
    @WithDefault("500")
    long catchUpLag();

    /** A running rebuild whose instance has not said so for this long is taken as abandoned (its instance stopped). */
    @WithDefault("2m")
    Duration abandonedAfter();

    /** The longest wait for the broker on each call, and for one poll. */
    @WithDefault("10s")
    Duration kafkaTimeout();

    /** The longest pause between retries of a batch the database could not take (it is retried until it can). */
    @WithDefault("5s")
    Duration maxBackoff();
}
