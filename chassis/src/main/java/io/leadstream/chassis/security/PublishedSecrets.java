package io.leadstream.chassis.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * A service in production refuses to start while one of its secrets still has a value published in this repository
 * (the packaged database passwords, the local run's webhook and client secrets, capture's development pseudonym key):
 * anyone who read the repository would know it. The keys checked are {@code leadstream.security.secret-keys} (the
 * chassis' defaults) plus the service's {@code leadstream.security.service-secret-keys}; the values counted as
 * published are {@code leadstream.security.published-secrets}. The message names the keys, never the values.
 * <p>
 * Only the production launch mode is checked (the service tests run with test secrets). The local run, which is a
 * demonstration on published secrets, says so with {@code leadstream.security.allow-published-secrets=true}
 * ({@code deploy/local/lib.sh}); the service then starts and logs a warning naming the keys.
 */
@ApplicationScoped
public class PublishedSecrets {

    private static final Logger LOG = Logger.getLogger(PublishedSecrets.class);

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Set<String> published = published(lookupIn(config), keys(config), values(config));
        if (published.isEmpty()) {
            return;
        }
        String message = "secrets with a value published in the Leadstream repository: " + String.join(", ", published)
                + ". Set values of your own (environment variables or a secret file; docs/security.md, "
                + "\"Rotating secrets\").";
        if (config.getOptionalValue("leadstream.security.allow-published-secrets", Boolean.class).orElse(false)) {
            LOG.warn(message + " Started anyway: leadstream.security.allow-published-secrets=true (local use only).");
            return;
        }
        throw new IllegalStateException("refusing to start: " + message);
    }

    /** The keys among {@code keys} whose value (looked up with {@code lookup}) is one of {@code publishedValues}. */
    static Set<String> published(Function<String, Optional<String>> lookup, List<String> keys, Set<String> publishedValues) {
        Set<String> found = new TreeSet<>();
        for (String key : keys) {
            lookup.apply(key).map(String::strip).filter(publishedValues::contains).ifPresent(value -> found.add(key));
        }
        return found;
    }

    private static Function<String, Optional<String>> lookupIn(Config config) {
        return key -> config.getOptionalValue(key, String.class);
    }

    private static List<String> keys(Config config) {
        List<String> keys = new java.util.ArrayList<>(list(config, "leadstream.security.secret-keys"));
        keys.addAll(list(config, "leadstream.security.service-secret-keys"));
        return keys;
    }

    private static Set<String> values(Config config) {
        return Set.copyOf(list(config, "leadstream.security.published-secrets"));
    }

    private static List<String> list(Config config, String key) {
        return config.getOptionalValues(key, String.class).orElse(List.of());
    }
}
