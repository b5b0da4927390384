package io.leadstream.capture.idempotency.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** {@code Idempotency-Key} on {@code POST /api/leads} (api.md; quality.md R2), against a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
public class IdempotencyKeyTest {

    static final String ME = "user:crm-app";

    @Inject
    IdempotencyRows rows;
    @Inject
    Idempotency idempotency;

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldReplayTheFirstResponseForTheSameKeyAndBody() {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();

        Response first = post(key, lead(email));
        Response second = post(key, lead(email));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header(Idempotency.REPLAYED_HEADER)).isNull();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.contentType()).startsWith("application/json");
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
        assertThat(rows.capturedEvents(first.path("id"))).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldTreatTheSameFieldsInAnotherOrderAsTheSameBody() {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        post(key, lead(email)).then().statusCode(201);

        String reordered = "{ \"source\": \"web\",\n  \"email\": \"" + email + "\", \"lastName\": \"Lovelace\", "
                + "\"firstName\": \"Ada\" }";
        post(key, reordered).then().statusCode(201).header(Idempotency.REPLAYED_HEADER, "true");
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldRefuseTheSameKeyWithAnotherBodyWith422() {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        post(key, lead(email)).then().statusCode(201);

        post(key, lead(uniqueEmail())).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-reused"))
                .body("status", equalTo(422));
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldReplayAValidationFailureAsTheSame400() {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        String invalid = "{\"firstName\":\"\",\"lastName\":\"Lovelace\",\"email\":\"" + email + "\",\"source\":\"web\"}";

        Response first = post(key, invalid);
        Response second = post(key, invalid);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(first.contentType()).startsWith("application/problem+json");
        assertThat(first.<List<String>>path("errors.field")).contains("firstName");
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.asString()).isEqualTo(first.asString());
        // the key stays bound to the invalid body: a corrected body needs a new key
        post(key, lead(email)).then().statusCode(422);
        assertThat(rows.leadsWithEmail(email)).isZero();
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldKeepTheKeysOfDifferentCallersApart() {
        String key = UUID.randomUUID().toString();
        String otherApp = "client:other-app user:9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f";
        rows.insertKey(otherApp, key, "hash-of-another-body", "DONE", "-1 minute", "1 day");
        String email = uniqueEmail();

        post(key, lead(email)).then().statusCode(201).header(Idempotency.REPLAYED_HEADER, nullValue());
        post(key, lead(email)).then().statusCode(201).header(Idempotency.REPLAYED_HEADER, "true");

        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
        assertThat(rows.query("select request_hash from idempotency_key where scope = $1 and key = $2", otherApp, key))
                .isEqualTo("hash-of-another-body");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldCreateOneLeadAndAnswerAlikeFor20ConcurrentRequestsWithOneKey() throws Exception {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        String body = lead(email);
        int requests = 20;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return post(key, body);
                }, threads));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }

            Response first = responses.get(0);
            assertThat(responses).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(201);
                assertThat(r.header("Location")).isEqualTo(first.header("Location"));
                assertThat(r.asString()).isEqualTo(first.asString());
            });
            assertThat(responses).filteredOn(r -> r.header(Idempotency.REPLAYED_HEADER) == null).hasSize(1);
            assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
            assertThat(rows.capturedEvents(first.path("id"))).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldWaitForARequestInFlightAndReplayItsResponse() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = lead(uniqueEmail());
        rows.insertKey(ME, key, rows.hashOf(body), "IN_FLIGHT", "0 seconds", "1 day");

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> post(key, body));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        String id = UUID.randomUUID().toString(); // the stored answer must fit the document: a lead's id is a UUID
        rows.finishKey(ME, key, 201, "http://localhost/api/leads/" + id, "{\"id\":\"" + id + "\"}");

        Response replayed = waiting.get(30, TimeUnit.SECONDS);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replayed.header("Location")).isEqualTo("http://localhost/api/leads/" + id);
        assertThat(replayed.asString()).isEqualTo("{\"id\":\"" + id + "\"}");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldTakeOverTheClaimOfARequestThatCrashed() {
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail();
        String body = lead(email);
        rows.insertKey(ME, key, rows.hashOf(body), "IN_FLIGHT", "-2 minutes", "1 day");

        post(key, body).then().statusCode(201).header(Idempotency.REPLAYED_HEADER, nullValue());
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
        assertThat(rows.query("select state from idempotency_key where scope = $1 and key = $2", ME, key)).isEqualTo("DONE");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldTreatAnExpiredKeyAsNew() {
        String key = UUID.randomUUID().toString();
        rows.insertKey(ME, key, "hash-of-a-day-old-body", "DONE", "-25 hours", "-1 hour");
        String email = uniqueEmail();

        post(key, lead(email)).then().statusCode(201).header(Idempotency.REPLAYED_HEADER, nullValue());
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldRejectAMalformedKeyWith400NamingTheHeader() {
        String email = uniqueEmail();
        for (String malformed : List.of("k".repeat(256), "two words")) {
            post(malformed, lead(email)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-invalid"))
                    .body("errors.field", hasItem("Idempotency-Key"));
        }
        assertThat(rows.leadsWithEmail(email)).isZero();
        post(UUID.randomUUID() + "k".repeat(255 - 36), lead(email)).then().statusCode(201);
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldCreateALeadPerRequestWithoutAKey() {
        // from a source whose de-duplication policy is "create" (%test config), so only the key could prevent it
        String email = uniqueEmail();
        String body = lead(email).replace("\"web\"", "\"migration\"");
        given().contentType("application/json").body(body).post("/api/leads").then().statusCode(201);
        given().contentType("application/json").body(body).post("/api/leads").then().statusCode(201)
                .header(Idempotency.REPLAYED_HEADER, nullValue());
        assertThat(rows.leadsWithEmail(email)).isEqualTo(2);
    }

    @Test
    void shouldPurgeExpiredKeysOnly() {
        String expired = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        rows.insertKey(ME, expired, "h", "DONE", "-25 hours", "-1 second");
        rows.insertKey(ME, live, "h", "DONE", "0 seconds", "1 day");

        assertThat(idempotency.purgeExpired().await().atMost(Duration.ofSeconds(10))).isPositive();

        assertThat(rows.query("select count(*) from idempotency_key where key = $1", expired)).isEqualTo(0L);
        assertThat(rows.query("select count(*) from idempotency_key where key = $1", live)).isEqualTo(1L);
    }

    public static Response post(String key, String body) {
        return given().contentType("application/json").header("Idempotency-Key", key).body(body).post("/api/leads");
    }

    static String lead(String email) {
        return "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"" + email + "\",\"source\":\"web\"}";
    }

    static String uniqueEmail() {
        return "ada+" + UUID.randomUUID() + "@example.com";
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
