package io.leadstream.nurture.followups;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code leadstream.nurture.*} for follow-ups: the default time zone and the reminder pass. The rep directory's keys
 * ({@code leadstream.nurture.keycloak.*}, {@code leadstream.nurture.rep-directory.*}) are mapped by {@code reps}' own
 * mappings, which SmallRye counts as known under this prefix too.
 */
@ConfigMapping(prefix = "leadstream.nurture")
public interface FollowUpConfig {

    /** The zone of a local due time given without one when the token has no (valid) zoneinfo claim. */
    @WithDefault("UTC")
    ZoneId defaultTimeZone();

    FollowUps followUps();

    interface FollowUps {
        /** How often the reminder pass runs ({@code off} in tests, which run it themselves). */
        @WithDefault("60s")
        String remindEvery();

        /** Follow-ups per transaction of the reminder pass. */
        @WithDefault("100")
        int remindBatch();
    }
}
