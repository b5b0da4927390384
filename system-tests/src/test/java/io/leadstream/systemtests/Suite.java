package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the running suite is (deploy/local/up.sh defaults; override with -Dleadstream.<name>=url) and
 * real tokens from its Keycloak. The credentials are the realm file's local-only demo ones.
 */
final class Suite {

    static final String CAPTURE = url("capture", "http://127.0.0.1:8081");
    static final String SCORING = url("scoring", "http://127.0.0.1:8082");
    static final String DISTRIBUTION = url("distribution", "http://127.0.0.1:8083");
    static final String NURTURE = url("nurture", "http://127.0.0.1:8084");
    static final String INSIGHTS = url("insights", "http://127.0.0.1:8085");
    static final String KEYCLOAK = url("keycloak", "http://127.0.0.1:8180");
    static final String KAFKA = System.getProperty("leadstream.kafka", "127.0.0.1:9092");
    static final String TOKEN_ENDPOINT = KEYCLOAK + "/realms/leads/protocol/openid-connect/token";

    /** The journey must complete within this time (issue 2). */
    static final Duration JOURNEY = Duration.ofSeconds(15);

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Suite() {
    }

    private static String url(String name, String fallback) {
        return System.getProperty("leadstream." + name, fallback);
    }

    /** A service account token (client credentials grant). */
    static String clientToken(String clientId, String secret) {
        return TOKENS.computeIfAbsent("client:" + clientId, k -> given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(TOKEN_ENDPOINT)
                .then().statusCode(200).extract().path("access_token"));
    }

    /** A person's token through the public CLI client (password grant; local use only). */
    static String userToken(String username) {
        return TOKENS.computeIfAbsent("user:" + username, k -> given()
                .formParam("grant_type", "password")
                .formParam("client_id", "leadstream-cli")
                .formParam("username", username)
                .formParam("password", username)
                .post(TOKEN_ENDPOINT)
                .then().statusCode(200).extract().path("access_token"));
    }

    /**
     * A phone number no earlier run has used: the suite de-duplicates on phone, and PostgreSQL keeps its
     * data between runs. A Washington DC number with a random exchange (220-299, never an N11 code) and line; never dialled.
     */
    static String uniquePhone() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("+1 202 %03d %04d", random.nextInt(220, 300), random.nextInt(0, 10000));
    }

    /**
     * capture-service's local-only settings (webhook secrets), from the file deploy/local passes to the service:
     * {@code -Dleadstream.capture-config=path}, else {@code ../deploy/local/capture-service.properties} (the tests run
     * in system-tests/).
     */
    static String captureSetting(String name) {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("leadstream.capture-config",
                "../deploy/local/capture-service.properties"));
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set in " + file.toAbsolutePath());
        }
        return value;
    }

    static String crmApp() {
        return clientToken("crm-app", "crm-app-secret");
    }
}
