package io.leadstream.chassis.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;

/** What every service gets from the chassis defaults: deny by default and the security headers on every answer. */
@QuarkusTest
class SecurityDefaultsTest {

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldDenyAnEndpointWithoutRolesEvenToAnAuthenticatedCaller() {
        given().get("/test/items/forgotten")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void shouldAskForATokenOnAnEndpointWithoutRoles() {
        given().get("/test/items/forgotten")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldSendTheSecurityHeadersWithAnAnswer() {
        securityHeaders(given().get("/test/items/" + UUID.randomUUID()).then().statusCode(404));
    }

    @Test
    void shouldSendTheSecurityHeadersWithARefusalAndWithHealth() {
        securityHeaders(given().get("/test/items/" + UUID.randomUUID()).then().statusCode(401));
        securityHeaders(given().get("/q/health/live").then().statusCode(200));
    }

    private static void securityHeaders(ValidatableResponse response) {
        response.header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Strict-Transport-Security", startsWith("max-age="))
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
    }
}
