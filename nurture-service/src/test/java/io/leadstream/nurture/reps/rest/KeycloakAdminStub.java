package io.leadstream.nurture.reps.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Keycloak as far as nurture's rep directory ({@code reps.rest.KeycloakRepDirectory}) uses it, as a real HTTP server (WireMock on a free port on 127.0.0.1):
 * {@code POST /token} gives a token to the client {@code nurture-service} with its secret (client credentials);
 * {@code GET /admin/realms/leads/users?username=…&exact=true} answers with that token only, an empty list for any user
 * until a test names one with {@link #user}. Nurture's OIDC client and Keycloak admin client are pointed at it.
 */
public class KeycloakAdminStub implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "stub-secret";
    public static final String TOKEN = "stub-admin-token";
    public static final String USERS = "/admin/realms/leads/users";

    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/token")).atPriority(1)
                .withBasicAuth("nurture-service", SECRET)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=client_credentials"))
                .willReturn(okJson("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300}")));
        server.stubFor(post(urlPathEqualTo("/token")).atPriority(9)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\"}")));
        server.stubFor(get(urlPathEqualTo(USERS)).atPriority(9)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("[]")));
        server.stubFor(get(urlPathEqualTo(USERS)).atPriority(10)
                .willReturn(aResponse().withStatus(401)));
        String url = "http://127.0.0.1:" + server.port();
        return Map.of("quarkus.rest-client.keycloak-admin.url", url,
                "quarkus.oidc-client.auth-server-url", url,
                "quarkus.oidc-client.discovery-enabled", "false",
                "quarkus.oidc-client.token-path", "/token",
                "quarkus.oidc-client.credentials.secret", SECRET);
    }

    /** From now on the directory knows {@code username} with {@code email} (as Keycloak's exact search answers). */
    public static void user(String username, String email) {
        server.stubFor(get(urlPathEqualTo(USERS)).atPriority(1)
                .withQueryParam("username", equalTo(username))
                .withQueryParam("exact", equalTo("true"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("""
                        [{"id":"%s","username":"%s","email":"%s","enabled":true,"emailVerified":true,
                          "firstName":"Rep","lastName":"Remembered","createdTimestamp":1764547200000}]"""
                        .formatted(java.util.UUID.randomUUID(), username, email))));
    }

    /** From now on the directory answers 500 for {@code username} (Keycloak failing), until {@link #user} names it. */
    public static void failing(String username) {
        server.stubFor(get(urlPathEqualTo(USERS)).atPriority(2)
                .withQueryParam("username", equalTo(username))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"unknown_error\"}")));
    }

    public static WireMockServer server() {
        return server;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
