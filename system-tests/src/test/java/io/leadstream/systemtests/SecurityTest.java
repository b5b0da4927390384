package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Real tokens from the running Keycloak: what is refused is refused as problem+json. */
class SecurityTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8081/api/leads/00000000-0000-0000-0000-000000000001",
            "http://127.0.0.1:8082/api/scores/00000000-0000-0000-0000-000000000001",
            "http://127.0.0.1:8083/api/assignments/00000000-0000-0000-0000-000000000001",
            "http://127.0.0.1:8084/api/leads/00000000-0000-0000-0000-000000000001/stage",
            "http://127.0.0.1:8085/api/insights/summary" })
    void shouldAnswerAMissingTokenWith401Problem(String url) {
        given().get(url)
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
    }

    @Test
    void shouldAnswerATamperedTokenWith401Problem() {
        String[] parts = Suite.crmApp().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"integration\"", "\"lead-admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes())
                + "." + parts[2];
        given().auth().oauth2(tampered).get(Suite.CAPTURE + "/api/leads/" + UUID.randomUUID())
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
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
}
