package io.leadstream.nurture.reps;

import io.smallrye.mutiny.Uni;

/**
 * Where a rep's email address is found: the identity provider's user directory (Keycloak's admin API, read with
 * nurture's own client-credentials token; {@code reps.rest.KeycloakRepDirectory}). Addresses are never stored.
 */
public interface RepDirectory {

    /** The rep's email address, or null when the directory has no user by that username or no address for them. */
    Uni<String> emailOf(String username);
}
