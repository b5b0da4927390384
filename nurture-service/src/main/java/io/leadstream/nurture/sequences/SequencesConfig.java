package io.leadstream.nurture.sequences;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.nurture.sequences.*}: the runner that sends due steps, and the days that are not business days. */
@ConfigMapping(prefix = "leadstream.nurture.sequences")
public interface SequencesConfig {

    /** How often the runner sends the due steps ({@code off} in tests, which run it themselves). */
    @WithDefault("60s")
    String runEvery();

    /** Enrolments per transaction of the runner. */
    @WithDefault("50")
    int batch();

    /**
     * How long a step the runner took is left to it before another pass may take it again (a crashed replica's): the
     * step is sent once however often it is taken (its own Idempotency-Key).
     */
    @WithDefault("10m")
    Duration lease();

    /** The wait before a step whose channel or capture was unavailable is tried again; doubled each time, up to 6 h. */
    @WithDefault("5m")
    Duration retryDelay();

    /** Failed tries of one step before the enrolment stops (step-failed). */
    @WithDefault("12")
    int maxAttempts();

    /** Days that are not business days besides Saturdays and Sundays (ISO dates), in the default time zone. */
    Optional<List<LocalDate>> holidays();
}
