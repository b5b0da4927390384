package io.leadstream.distribution.shares;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.distribution.share.*}: the defaults and bounds of a partner share, and the recall pass. */
@ConfigMapping(prefix = "leadstream.distribution.share")
public interface ShareConfig {

    /** How long a partner has to accept when the share does not say (rules always use it). */
    @WithDefault("48h")
    Duration acceptWithin();

    /** The shortest acceptWithin a manager may give. */
    @WithDefault("1h")
    Duration minAcceptWithin();

    /** The longest acceptWithin a manager may give. */
    @WithDefault("14d")
    Duration maxAcceptWithin();

    /** The lead facts a partner sees before accepting when the share does not say (rules always use them). */
    @WithDefault("products,segment,country,language,score,grade")
    List<String> fields();

    /** How often the recall pass runs ({@link ShareDeadlines}'s schedule; {@code off} in tests). */
    @WithDefault("60s")
    String recallEvery();

    /** Offered shares recalled per transaction by the recall pass. */
    @WithDefault("50")
    int recallBatch();
}
