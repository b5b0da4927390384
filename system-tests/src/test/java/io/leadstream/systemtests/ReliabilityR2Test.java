package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * R2 (quality.md, issue 14's fault suite): 20 concurrent {@code POST /api/leads} with one {@code Idempotency-Key} on the
 * running suite create one lead with one {@code lead.captured}, and every one of them gets the same answer; the key
 * with another body is a 422. (The 409 for a key whose first request is still running after the repeat's 5 s wait
 * needs a request slower than that: capture's service test {@code IdempotencyKeyInFlightTest} holds one in flight for it.)
 */
class ReliabilityR2Test {

    static final int CONCURRENT = 20;

    @Test
    void shouldCreateOneLeadForTwentyConcurrentRequestsWithOneKey() throws Exception {
        String token = Suite.crmApp();
        String key = "r2-" + UUID.randomUUID();
        String unique = key.substring(3, 11);
        String body = """
                {"firstName":"Grace","lastName":"Hopper","email":"grace.%s@navy.example","phone":"%s",
                 "company":"Eckert-Mauchly","source":"api"}""".formatted(unique, Suite.uniquePhone());
        try (FaultRecord record = FaultRecord.start("R2")) {
            ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);
            try {
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<FaultRecord.Exchange>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    sent.add(clients.submit(() -> {
                        gate.await();
                        return record.createLead(token, body, key);
                    }));
                }
                gate.countDown();
                for (Future<FaultRecord.Exchange> f : sent) {
                    f.get();
                }
            } finally {
                clients.shutdownNow();
            }
            FaultRecord.Exchange otherBody = record.createLead(token, body.replace("Hopper", "Murray Hopper"), key);

            List<FaultRecord.Exchange> same = record.exchanges().subList(0, CONCURRENT);
            assertThat(same).extracting(FaultRecord.Exchange::status).containsOnly(201);
            assertThat(same).extracting(FaultRecord.Exchange::body).containsOnly(same.get(0).body());
            assertThat(same).extracting(e -> e.headers().get("location")).containsOnly(same.get(0).headers().get("location"));
            assertThat(same).filteredOn(e -> "true".equals(e.headers().get("idempotency-replayed"))).hasSize(CONCURRENT - 1);
            assertThat(otherBody.status()).isEqualTo(422);
            assertThat(otherBody.body()).contains("idempotency-key-reused");

            Set<String> leads = record.acknowledgedLeads();
            Set<String> found = leads.stream().filter(id -> given().auth().oauth2(token)
                    .get(Suite.CAPTURE + "/api/leads/" + id).statusCode() == 200)
                    .collect(java.util.stream.Collectors.toSet());
            Map<String, Integer> events = record.capturedEvents(Suite.JOURNEY, Duration.ofSeconds(3));
            FaultRecord.Report report = record.report("20 concurrent creates with one Idempotency-Key, then the key "
                    + "with another body", 1, found, events);

            assertThat(report.sent()).isEqualTo(CONCURRENT + 1);
            assertThat(report.acknowledged()).isEqualTo(CONCURRENT);
            assertThat(report.leadsFound()).isEqualTo(1);
            assertThat(report.eventsFound()).isEqualTo(1);
            assertThat(report.duplicates()).isZero();
            assertThat(report.losses()).isZero();
        }
    }
}
