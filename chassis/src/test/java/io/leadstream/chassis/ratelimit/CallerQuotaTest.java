package io.leadstream.chassis.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/** An integration client's quota on every /api/ operation; people have none. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@TestProfile(CallerQuotaTest.TwoPerHour.class)
class CallerQuotaTest {

    public static class TwoPerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.quota.integration", "2/1h");
        }
    }

    @Test
    @TestSecurity(user = "crm-quota", roles = { "writer", "integration" })
    void shouldGiveAnIntegrationClientItsQuotaThen429WithRetryAfter() {
        for (int remaining = 1; remaining >= 0; remaining--) {
            given().get("/api/test/things/" + UUID.randomUUID()).then().statusCode(404)
                    .header("RateLimit-Limit", "2")
                    .header("RateLimit-Remaining", String.valueOf(remaining))
                    .header("RateLimit-Policy", "2;w=3600");
        }
        given().get("/api/test/things/" + UUID.randomUUID()).then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Remaining", "0")
                .body("detail", org.hamcrest.Matchers.containsString("integration client quota"));
    }

    @Test
    @TestSecurity(user = "a-person", roles = "writer")
    void shouldLeavePeopleWithoutAQuota() {
        for (int i = 0; i < 5; i++) {
            given().get("/api/test/things/" + UUID.randomUUID()).then().statusCode(404)
                    .header("RateLimit-Limit", nullValue());
        }
    }

    @Test
    @TestSecurity(user = "crm-outside", roles = { "writer", "integration" })
    void shouldCountOnlyTheApiOperations() {
        for (int i = 0; i < 5; i++) {
            given().get("/test/items/" + UUID.randomUUID()).then().statusCode(404)
                    .header("RateLimit-Limit", nullValue());
        }
    }

    @Test
    void shouldLeaveARequestWithoutATokenToTheSecurityCheck() {
        given().get("/api/test/things/" + UUID.randomUUID()).then().statusCode(401).body("status", equalTo(401));
    }
}
