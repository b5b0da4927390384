package io.leadstream.nurture.reps.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.leadstream.nurture.reps.RepDirectory;
import io.leadstream.nurture.reps.RepDirectoryConfig;
import io.smallrye.mutiny.Uni;

/**
 * Reps' email addresses from Keycloak's user directory (realm {@code leadstream.nurture.keycloak.realm}), looked up by
 * exact username with nurture's own token and kept in memory for {@code leadstream.nurture.rep-directory.cache-ttl}
 * (an address found, never a miss: a rep given an address is found on the next pass). Bounded by
 * {@code leadstream.nurture.rep-directory.timeout}; a failure reaches the caller, which tries again later.
 */
@ApplicationScoped
public class KeycloakRepDirectory implements RepDirectory {

    private record Cached(String email, Instant until) {
    }

    private final KeycloakAdminClient keycloak;
    private final String realm;
    private final Duration ttl;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public KeycloakRepDirectory(@RestClient KeycloakAdminClient keycloak, KeycloakConfig keycloakConfig,
            RepDirectoryConfig config, Clock clock) {
        this.keycloak = keycloak;
        this.realm = keycloakConfig.realm();
        this.ttl = config.cacheTtl();
        this.timeout = config.timeout();
        this.clock = clock;
    }

    @Override
    public Uni<String> emailOf(String username) {
        Instant now = clock.instant();
        Cached cached = cache.get(username);
        if (cached != null && cached.until().isAfter(now)) {
            return Uni.createFrom().item(cached.email());
        }
        return keycloak.users(realm, username, true)
                .ifNoItem().after(timeout).fail()
                .map(users -> users == null ? null : users.stream()
                        .filter(u -> username.equalsIgnoreCase(u.username()) && !Boolean.FALSE.equals(u.enabled()))
                        .map(KeycloakAdminClient.KeycloakUser::email)
                        .filter(email -> email != null && !email.isBlank())
                        .findFirst().orElse(null))
                .invoke(email -> {
                    if (email != null) {
                        cache.put(username, new Cached(email, now.plus(ttl)));
                    }
                });
    }

    /** Forgets every address (tests). */
    public void forget() {
        cache.clear();
    }
}
