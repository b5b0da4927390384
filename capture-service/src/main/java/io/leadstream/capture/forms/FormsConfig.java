package io.leadstream.capture.forms;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.capture.forms.*}: public web forms (see the README's "Web forms"). */
@ConfigMapping(prefix = "leadstream.capture.forms")
public interface FormsConfig {

    /** How long a double opt-in link stays valid. */
    @WithDefault("48h")
    Duration confirmationTtl();

    /**
     * The service's address as browsers reach it, for the link in the confirmation email (e.g.
     * {@code https://leads.example.com}); unset: the address the form was posted to.
     */
    Optional<String> publicUrl();

    /** Quota of a form that sets none: all clients together, across every replica. */
    @WithDefault("100")
    int defaultFormPermits();

    @WithDefault("60s")
    Duration defaultFormWindow();

    /** Quota of one client address on a form that sets none, across every replica. */
    @WithDefault("10")
    int defaultClientPermits();

    @WithDefault("60s")
    Duration defaultClientWindow();
}
