package io.leadstream.chassis.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * The database reachable, the Kafka broker not: the service stays ready (its API answers and its outbox absorbs the
 * writes), readiness says the broker is unreachable and why, and a write still succeeds with its event waiting in the
 * outbox.
 */
@QuarkusTest
@TestProfile(KafkaAwayReadinessTest.KafkaAway.class)
class KafkaAwayReadinessTest {

    public static class KafkaAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.health.kafka.enabled", "true", "kafka.bootstrap.servers", "127.0.0.1:1");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true; // the test Kafka broker: not this test's
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(PostgresResource.class));
        }
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldStayReadyAndKeepAcceptingWritesWhileTheBrokerIsAway() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.status", everyItem(equalTo("UP")))
                .body("checks.find { it.name == 'Kafka broker' }.data.reachable", equalTo(false))
                .body("checks.find { it.name == 'Kafka broker' }.data.reason", containsString("Timeout"));

        given().contentType("application/json").body("{\"name\":\"while Kafka is away\"}")
                .post("/test/items")
                .then().statusCode(200)
                .body("eventId", org.hamcrest.Matchers.notNullValue());
    }
}
