package io.leadstream.nurture.reps;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.nurture.rep-directory.*}: how reps' addresses are looked up, whoever asks (follow-up reminders,
 * notifications). */
@ConfigMapping(prefix = "leadstream.nurture.rep-directory")
public interface RepDirectoryConfig {

    /** How long a rep's address found is kept in memory (a miss is never kept). */
    @WithDefault("10m")
    Duration cacheTtl();

    /** How long a lookup may take. */
    @WithDefault("3s")
    Duration timeout();
}
