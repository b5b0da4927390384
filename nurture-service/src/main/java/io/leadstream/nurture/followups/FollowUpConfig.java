package io.leadstream.nurture.followups;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code leadstream.nurture.*} for follow-ups: the default time zone, the reminder pass, the rep directory. */
@ConfigMapping(prefix = "leadstream.nurture")
public interface FollowUpConfig {

    /** The zone of a local due time given without one when the token has no (valid) zoneinfo claim. */
    @WithDefault("UTC")
    ZoneId defaultTimeZone();

    FollowUps followUps();

    Keycloak keycloak();

    @WithName("rep-directory")
    Directory repDirectory();

    interface FollowUps {
        /** How often the reminder pass runs ({@code off} in tests, which run it themselves). */
        @WithDefault("60s")
        String remindEvery();

        /** Follow-ups per transaction of the reminder pass. */
        @WithDefault("100")
        int remindBatch();
    }

    /** Keycloak, whose admin API gives reps' email addresses. */
    interface Keycloak {
        @WithDefault("http://127.0.0.1:8180")
        String url();

        @WithDefault("leads")
        String realm();
    }

    interface Directory {
        /** How long a rep's address found is kept in memory. */
        @WithDefault("10m")
        Duration cacheTtl();

        /** How long a lookup may take. */
        @WithDefault("3s")
        Duration timeout();
    }
}
