package io.leadstream.nurture.reps.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code leadstream.nurture.keycloak.*}: the Keycloak whose admin API gives reps' email addresses
 * ({@code quarkus.rest-client.keycloak-admin.url} points at {@code url}). Its own prefix, below follow-ups'
 * {@code leadstream.nurture} mapping, so that the rep directory is configured apart from any one feature using it.
 */
@ConfigMapping(prefix = "leadstream.nurture.keycloak")
public interface KeycloakConfig {

    @WithDefault("http://127.0.0.1:8180")
    String url();

    @WithDefault("leads")
    String realm();
}
