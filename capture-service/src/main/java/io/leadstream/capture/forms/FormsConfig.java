package io.leadstream.capture.forms;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.capture.forms.*}: public web forms (see the README's "Web forms"). */
@ConfigMapping(prefix = "leadstream.capture.forms")
public interface FormsConfig {

    /**
     * Whether the service runs behind a trusted reverse proxy that appends the client's address to
     * {@code X-Forwarded-For}: then the right-most entry is the client address (for per-client rate limits and the
     * consent proof). Off: the socket's peer address, and the header is ignored (a client could forge it).
     */
    @WithDefault("false")
    boolean trustForwardedFor();

    /** How long a double opt-in link stays valid. */
    @WithDefault("48h")
    Duration confirmationTtl();

    /**
     * The service's address as browsers reach it, for the link in the confirmation email (e.g.
     * {@code https://leads.example.com}); unset: the address the form was posted to.
     */
    Optional<String> publicUrl();

    /** Quota of a form that sets none: all clients together, per instance. */
    @WithDefault("100")
    int defaultFormPermits();

    @WithDefault("60s")
    Duration defaultFormWindow();

    /** Quota of one client address on a form that sets none, per instance. */
    @WithDefault("10")
    int defaultClientPermits();

    @WithDefault("60s")
    Duration defaultClientWindow();
}
