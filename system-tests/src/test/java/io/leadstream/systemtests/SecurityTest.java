package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Real tokens from the running Keycloak (S2, S3): what is refused is refused as problem+json, a token is accepted only
 * signed by the realm's keys, from its issuer, for the service's audience and before it expires; services call each
 * other with narrow roles; metrics and OpenAPI are not on the application port; every answer has the security headers.
 */
class SecurityTest {

    /** One protected read per service (a random id: an accepted token gets 404, a refused one 401). */
    static List<String> protectedReads() {
        String id = UUID.randomUUID().toString();
        return List.of(Suite.CAPTURE + "/api/leads/" + id, Suite.SCORING + "/api/scores/" + id,
                Suite.DISTRIBUTION + "/api/assignments/" + id, Suite.NURTURE + "/api/leads/" + id + "/stage",
                Suite.INSIGHTS + "/api/insights/summary");
    }

    static List<String> services() {
        return List.of(Suite.CAPTURE, Suite.SCORING, Suite.DISTRIBUTION, Suite.NURTURE, Suite.INSIGHTS);
    }

    @ParameterizedTest
    @MethodSource("protectedReads")
    void shouldAnswerAMissingTokenWith401Problem(String url) {
        refused(given().get(url));
    }

    @Test
    void shouldAnswerATamperedTokenWith401Problem() {
        String[] parts = Suite.crmApp().split("\\.");
        String forged = decode(parts[1]).replace("\"integration\"", "\"lead-admin\"");
        refused(given().auth().oauth2(parts[0] + "." + encode(forged) + "." + parts[2])
                .get(Suite.CAPTURE + "/api/leads/" + UUID.randomUUID()));
    }

    @ParameterizedTest
    @MethodSource("protectedReads")
    void shouldAnswerAnUnsignedTokenWith401Problem(String url) {
        String[] parts = Suite.userToken("admin").split("\\.");
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        refused(given().auth().oauth2(unsigned).get(url));
    }

    @Test
    void shouldAnswerATokenFromAnotherIssuerWith401Problem() {
        // Keycloak's own master realm: a real token, signed by real keys, of another issuer
        String foreign = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(Suite.KEYCLOAK + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        assertThat(decode(foreign.split("\\.")[1])).contains("/realms/master");
        for (String url : protectedReads()) {
            refused(given().auth().oauth2(foreign).get(url));
        }
    }

    @Test
    void shouldAnswerATokenForAnotherAudienceWith401Problem() {
        // distribution's own account: its tokens name capture-service alone
        String forCapture = Suite.clientToken("distribution-service", "distribution-service-local-secret");
        assertThat(JsonPath.from(decode(forCapture.split("\\.")[1])).getList("aud", String.class))
                .contains("capture-service").doesNotContain("scoring-service", "nurture-service");
        given().auth().oauth2(forCapture).get(Suite.CAPTURE + "/api/leads/" + UUID.randomUUID())
                .then().statusCode(404);
        refused(given().auth().oauth2(forCapture).get(Suite.SCORING + "/api/scores/" + UUID.randomUUID()));
        refused(given().auth().oauth2(forCapture).get(Suite.NURTURE + "/api/leads/" + UUID.randomUUID() + "/stage"));
    }

    @Test
    void shouldAnswerAnExpiredTokenWith401Problem() throws InterruptedException {
        // the realm's expiring-probe client: tokens that live 10 s; the services allow 10 s of clock difference
        String token = given().formParam("grant_type", "client_credentials").formParam("client_id", "expiring-probe")
                .formParam("client_secret", "expiring-probe-secret").post(Suite.TOKEN_ENDPOINT)
                .then().statusCode(200).extract().path("access_token");
        Instant expires = Instant.ofEpochSecond(JsonPath.from(decode(token.split("\\.")[1])).getLong("exp"));
        String url = Suite.CAPTURE + "/api/leads/" + UUID.randomUUID();
        given().auth().oauth2(token).get(url).then().statusCode(404);
        Duration wait = Duration.between(Instant.now(), expires.plusSeconds(10 + 3));
        Thread.sleep(Math.max(0, wait.toMillis()));
        refused(given().auth().oauth2(token).get(url));
    }

    @Test
    void shouldAnswerARepOnAnAdminEndpointWith403Problem() {
        given().auth().oauth2(Suite.userToken("rep1")).contentType("application/json")
                .body("{\"displayName\":\"Sneaky\",\"active\":true}")
                .put(Suite.DISTRIBUTION + "/api/reps/rep1")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadstream.dev/problems/forbidden"));
    }

    @Test
    void shouldAnswerAPartnerOnAnInternalEndpointWith403Problem() {
        given().auth().oauth2(Suite.clientToken("partner-acme", "partner-acme-secret"))
                .get(Suite.SCORING + "/api/scores/" + UUID.randomUUID())
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void shouldLetTheServicesCallCaptureWithTheirNarrowRolesOnly() {
        String email = "narrow." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json")
                .body("{\"firstName\":\"Nora\",\"lastName\":\"Narrow\",\"email\":\"%s\",\"source\":\"api\"}".formatted(email))
                .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
        String lead = Suite.CAPTURE + "/api/leads/" + location.substring(location.lastIndexOf('/') + 1);

        String distribution = Suite.clientToken("distribution-service", "distribution-service-local-secret");
        given().auth().oauth2(distribution).get(lead).then().statusCode(200).body("email", equalTo(email));
        forbidden(given().auth().oauth2(distribution).queryParam("q", email).get(Suite.CAPTURE + "/api/leads"));
        forbidden(given().auth().oauth2(distribution).contentType("application/merge-patch+json")
                .body("{\"company\":\"Taken Over\"}").patch(lead));
        forbidden(given().auth().oauth2(distribution).contentType("application/json")
                .body("{\"email\":\"x@example.com\"}").post(Suite.CAPTURE + "/api/leads"));

        String nurture = Suite.clientToken("nurture-service", "nurture-service-local-secret");
        given().auth().oauth2(nurture).get(lead).then().statusCode(200);
        given().auth().oauth2(nurture).contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"WITHDRAWN",
                 "proof":{"capturedAt":"%s","method":"unsubscribe-link","source":"security-test"}}"""
                .formatted(Instant.now()))
                .post(lead + "/consents").then().statusCode(201);
        forbidden(given().auth().oauth2(nurture).get(lead + "/consents"));
        forbidden(given().auth().oauth2(nurture).delete(lead));
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldServeMetricsAndOpenApiOnTheManagementPortOnly(String service) {
        given().get(service + "/q/metrics").then().statusCode(404);
        given().get(service + "/q/openapi").then().statusCode(404);
        given().get(Suite.management(service) + "/q/metrics").then().statusCode(200);
        given().get(Suite.management(service) + "/q/openapi").then().statusCode(200);
        given().get(service + "/q/health/ready").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/live", "/api/leads?limit=1", "/forms/no-such-form/confirm?token=x" })
    void shouldSendTheSecurityHeadersOnEveryAnswer(String path) {
        ValidatableResponse answer = given().auth().oauth2(Suite.crmApp()).get(Suite.CAPTURE + path).then();
        answer.header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Strict-Transport-Security", startsWith("max-age="))
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
    }

    private static void refused(io.restassured.response.Response response) {
        response.then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
    }

    private static void forbidden(io.restassured.response.Response response) {
        response.then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
