package io.leadstream.capture.idempotency.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/** A key still in flight after the (here short) wait is answered 409 with Retry-After. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestProfile(IdempotencyKeyInFlightTest.ShortWait.class)
class IdempotencyKeyInFlightTest {

    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.capture.idempotency.wait", "300ms");
        }
    }

    @Inject
    IdempotencyRows rows;

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldAnswer409WithRetryAfterWhenTheKeyIsStillInFlightAfterTheWait() {
        String key = UUID.randomUUID().toString();
        String body = IdempotencyKeyTest.lead(IdempotencyKeyTest.uniqueEmail());
        rows.insertKey(IdempotencyKeyTest.ME, key, rows.hashOf(body), "IN_FLIGHT", "0 seconds", "1 day");

        IdempotencyKeyTest.post(key, body).then().statusCode(409)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-in-flight"));

        assertThat(rows.query("select state from idempotency_key where scope = $1 and key = $2", IdempotencyKeyTest.ME,
                key)).isEqualTo("IN_FLIGHT");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldAnswer422AtOnceWhenAnotherBodyIsInFlightUnderTheKey() {
        String key = UUID.randomUUID().toString();
        rows.insertKey(IdempotencyKeyTest.ME, key, "hash-of-another-body", "IN_FLIGHT", "0 seconds", "1 day");

        IdempotencyKeyTest.post(key, IdempotencyKeyTest.lead(IdempotencyKeyTest.uniqueEmail())).then().statusCode(422)
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-reused"));
    }
}
