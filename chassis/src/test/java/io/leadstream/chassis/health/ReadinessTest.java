package io.leadstream.chassis.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the chassis defaults, readiness reports the database and the Kafka broker: here both point at
 * closed ports, so ready must be DOWN (503), for the database, while liveness stays UP; the broker is
 * reported unreachable without being what takes the service out ({@link KafkaAwayReadinessTest}).
 */
@QuarkusTest
@TestProfile(ReadinessTest.EnginesUnreachable.class)
class ReadinessTest {

    public static class EnginesUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/nowhere",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                    "quarkus.flyway.migrate-at-start", "false",
                    "leadstream.health.kafka.enabled", "true",
                    "kafka.bootstrap.servers", "127.0.0.1:1");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void shouldReportNotReadyWhileDatabaseAndKafkaAreUnreachable() {
        given().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.find { it.name == 'Kafka broker' }.data.reachable", equalTo(false));
    }

    @Test
    @io.quarkus.test.security.TestSecurity(user = "writer", roles = "writer")
    void shouldAnswer503WithRetryAfterWhenTheDatabaseIsUnreachable() {
        given().get("/test/items/" + java.util.UUID.randomUUID())
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", containsString("unavailable"))
                .body("status", equalTo(503))
                .body("detail", containsString("retry"));
    }

    @Test
    void shouldStayLiveAndServeMetricsOnTheManagementInterfaceOnly() {
        given().get("/q/health/live").then().statusCode(200);
        given().get(Management.url("/q/metrics")).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(404);
    }
}
