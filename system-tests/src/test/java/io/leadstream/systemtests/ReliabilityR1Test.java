package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * R1 (quality.md, issue 14's fault suite): during a steady stream of creates, capture-service is killed with
 * {@code kill -9} and PostgreSQL is shut down at once without a checkpoint (an immediate shutdown, as a crash); both
 * are started again. Every request carries an {@code Idempotency-Key}, and those that got no answer are sent again
 * with the same key once capture is back, as a client would. Then every lead exists exactly once (one per key, each
 * found by its address) with exactly one {@code lead.captured}, and every acknowledged lead is scored and assigned;
 * the other services, whose database went away too, dead-letter nothing.
 */
@org.junit.jupiter.api.Tag("long-fault") // faults.sh runs it; CI's system tests leave it out (time)
class ReliabilityR1Test {

    static final int LEADS = 60;
    static final Duration PACE = Duration.ofMillis(400);
    static final Duration RECOVERY = Duration.ofSeconds(120);

    @Test
    void shouldKeepEveryAcknowledgedLeadOnceThroughACrashOfCaptureAndPostgres() throws Exception {
        String crm = Suite.crmApp();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        try (FaultRecord record = FaultRecord.start("R1")) {
            long deadLettersBefore = deadLetters(record);
            Map<Integer, String> bodies = new HashMap<>();
            for (int i = 0; i < LEADS; i++) {
                bodies.put(i, """
                        {"firstName":"Barbara","lastName":"Simons%d","email":"bs%d.%s@acm.example","company":"ACM %d %s",
                         "source":"api"}""".formatted(i, i, unique, i, unique));
            }
            try (FaultRecord.LeadStream creates = record.stream(crm, LEADS, PACE, bodies::get, i -> key(unique, i))) {
                Thread.sleep(3000);
                try {
                    Suite.component("kill", "capture-service");
                    Suite.component("kill", "postgresql");
                    Thread.sleep(2000);
                } finally {
                    Suite.component("start", "postgresql");
                    Suite.component("start", "capture-service");
                }
                creates.await();
            }
            // the client sends again, with the same key, what got no answer or a 5xx
            Set<Integer> unanswered = new HashSet<>();
            for (int i = 0; i < LEADS; i++) {
                String label = "POST /api/leads key " + key(unique, i);
                if (record.exchanges().stream().noneMatch(e -> e.request().equals(label) && e.acknowledged())) {
                    unanswered.add(i);
                }
            }
            for (int i : unanswered) {
                FaultRecord.Exchange again = record.createLead(crm, bodies.get(i), key(unique, i));
                assertThat(again.status()).as("sent again: %s", again.body()).isIn(200, 201);
            }

            Map<String, Integer> captured = record.capturedEvents(RECOVERY, Duration.ofSeconds(2));
            int leadsByAddress = 0;
            int extraLeads = 0;
            for (int i = 0; i < LEADS; i++) {
                List<String> found = given().auth().oauth2(crm).queryParam("q", "bs%d.%s@acm.example".formatted(i, unique))
                        .get(Suite.CAPTURE + "/api/leads").then().statusCode(200).extract().jsonPath().getList("items.id");
                leadsByAddress += found.isEmpty() ? 0 : 1;
                extraLeads += Math.max(0, found.size() - 1);
            }
            long deadLettered = deadLetters(record) - deadLettersBefore;
            FaultRecord.Report pipeline = record.pipelineReport("%d creates at one every %d ms, each with its own "
                    .formatted(LEADS, PACE.toMillis()) + "Idempotency-Key; capture killed (kill -9) and PostgreSQL shut "
                    + "down immediately 3 s in, both restarted; %d requests without an answer sent again with their key; "
                    .formatted(unanswered.size()) + "leads found = captured, scored and assigned; losses include "
                    + "dead letters of any service", RECOVERY, extraLeads, LEADS - leadsByAddress + (int) deadLettered);

            assertThat(unanswered).as("requests the crash left without an answer").isNotEmpty();
            assertThat(record.acknowledgedLeads()).as("one lead per key").hasSize(LEADS);
            assertThat(captured).hasSize(LEADS).allSatisfy((lead, events) -> assertThat(events).isOne());
            assertThat(leadsByAddress).isEqualTo(LEADS);
            assertThat(extraLeads).isZero();
            assertThat(deadLettered).as("dead-lettered while the database was away").isZero();
            assertThat(pipeline.duplicates()).isZero();
            assertThat(pipeline.losses()).isZero();
        }
    }

    /** Everything on the five services' dead-letter topics. */
    private static long deadLetters(FaultRecord record) {
        return ConsumerGroups.SERVICES.stream().mapToLong(s -> record.endOffset("leads.dlq." + s.replace("-service", "")))
                .sum();
    }

    private static String key(String unique, int i) {
        return "r1-" + unique + "-" + i;
    }
}
