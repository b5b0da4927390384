package io.leadstream.nurture.reps.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * Keycloak's admin REST API ({@code quarkus.rest-client.keycloak-admin.url}), its user search only, called with
 * nurture's own client-credentials token (the {@code nurture-service} client; its service account has
 * realm-management's {@code view-users} and {@code query-users}). Only {@link KeycloakRepDirectory} calls it.
 */
@RegisterRestClient(configKey = "keycloak-admin")
@OidcClientFilter
@Path("/admin/realms/{realm}/users")
interface KeycloakAdminClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<List<KeycloakUser>> users(@PathParam("realm") String realm, @QueryParam("username") String username,
            @QueryParam("exact") boolean exact);

    /** What nurture reads of Keycloak's UserRepresentation (unknown fields are ignored). */
    record KeycloakUser(String username, String email, Boolean enabled) {
    }
}
