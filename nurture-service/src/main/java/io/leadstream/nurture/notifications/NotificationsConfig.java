package io.leadstream.nurture.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.nurture.notifications.*}: the emails to reps and managers about assignments and SLA breaches. */
@ConfigMapping(prefix = "leadstream.nurture.notifications")
public interface NotificationsConfig {

    /** Off: no notices are recorded and none are mailed (those recorded before wait until it is on again). */
    @WithDefault("true")
    boolean enabled();

    /** How often the notice pass runs ({@code off} in tests, which run it themselves). */
    @WithDefault("60s")
    String sendEvery();

    /** Notices per transaction of the pass. */
    @WithDefault("100")
    int sendBatch();

    /** Emails tried per notice before the pass gives up on it (with a warning). */
    @WithDefault("20")
    int maxTries();
}
