package io.leadstream.capture.dedup.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.dedup.LeadMerged;
import io.leadstream.capture.dedup.MatchedOn;
import io.leadstream.capture.testing.EventsWithPersonalData;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * Manual merge, POST /api/leads/{id}/merge (sales-manager, lead-admin): the path lead survives, the duplicate fills
 * its blanks, keeps its consents and history (linked to the survivor), is hidden from search and matching, and the
 * merge is audited (MANUAL) and announced (lead.merged, kind MANUAL, no personal data).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class LeadMergeTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    IdempotencyRows rows;

    InMemorySink<String> outbox;

    @BeforeEach
    void clearSink() {
        outbox = connector.sink("outbox");
        outbox.clear();
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldMergeTheDuplicateIntoTheSurvivorFillingBlanksAndKeepingBothHistories() throws Exception {
        String tag = FuzzyDuplicateTest.tag();
        String survivorEmail = "ada+" + tag + "@example.com";
        String duplicateEmail = "lovelace+" + tag + "@example.com";
        String phone = "+44 " + LeadDeduplicationTest.londonNumber().substring(1);
        String survivor = create(LeadDeduplicationTest.body("Ada", "Lovelace", survivorEmail, null,
                "Analytical Engines " + tag, null, "web"));
        String duplicate = create(LeadDeduplicationTest.body("Ada", "Lovelase", duplicateEmail, phone,
                "Analytical Engines " + tag + " Ltd", "GB", "import"));
        consent(survivor, survivorEmail);
        consent(duplicate, duplicateEmail);
        // a submission merged into the duplicate before: its history must stay visible from the survivor
        post(LeadDeduplicationTest.body("Ada", "Lovelase", duplicateEmail, null, null, null, "partner-site"))
                .then().statusCode(200).body("duplicateOf", equalTo(duplicate));

        given().contentType("application/json")
                .body("{\"duplicateId\":\"" + duplicate + "\",\"reason\":\"same person, typo in the name\"}")
                .post("/api/leads/" + survivor + "/merge").then().statusCode(200)
                .body("id", equalTo(survivor))
                .body("firstName", equalTo("Ada"))
                .body("lastName", equalTo("Lovelace"))
                .body("email", equalTo(survivorEmail))
                .body("company", equalTo("Analytical Engines " + tag))
                .body("phone", equalTo(phone.replace(" ", "")))
                .body("country", equalTo("GB"))
                .body("merges", equalTo(2))
                .body("mergedInto", nullValue());

        assertThat(rows.query("select kind || ' ' || matched_on || ' ' || merged_by || ' ' || reason || ' ' "
                + "|| source from lead_merge where merged_lead_id = $1 and lead_id = $2",
                UUID.fromString(duplicate), UUID.fromString(survivor)))
                .isEqualTo("MANUAL NAME_AND_COMPANY manager1 same person, typo in the name import");
        assertThat(rows.query("select filled_fields::text from lead_merge where merged_lead_id = $1",
                UUID.fromString(duplicate))).isEqualTo("{\"phone\": \"" + phone.replace(" ", "") + "\", \"country\": \"GB\"}");

        given().get("/api/leads/" + duplicate).then().statusCode(200)
                .body("id", equalTo(duplicate))
                .body("email", equalTo(duplicateEmail))
                .body("mergedInto", equalTo(survivor))
                .body("mergedAt", notNullValue());
        given().queryParam("q", tag).get("/api/leads").then().statusCode(200)
                .body("items.id", hasItem(survivor))
                .body("items.id", not(hasItem(duplicate)));
        given().get("/api/leads/" + survivor + "/consents").then().statusCode(200)
                .body("history.leadId", containsInAnyOrder(survivor, duplicate))
                .body("history.proof.address", containsInAnyOrder(survivorEmail, duplicateEmail));
        List<Map<String, Object>> merges = given().get("/api/leads/" + survivor + "/duplicates").then().statusCode(200)
                .body("duplicates.leadId", not(hasItem(duplicate)))
                .extract().jsonPath().getList("merges");
        assertThat(merges).extracting(m -> m.get("kind")).containsExactly("SUBMISSION", "MANUAL");
        assertThat(merges.get(0)).containsEntry("leadId", duplicate).containsEntry("source", "partner-site");
        assertThat(merges.get(1)).containsEntry("leadId", survivor).containsEntry("mergedLeadId", duplicate)
                .containsEntry("reason", "same person, typo in the name").containsEntry("matchedOn", "NAME_AND_COMPANY")
                .containsEntry("mergedBy", "manager1").containsEntry("filledFields", List.of("phone", "country"));

        Message<String> event = mergedEvent(survivor);
        assertThat(TestEvents.cloudEvent(event).getSubject()).contains(survivor);
        JsonNode json = mapper.readTree(event.getPayload());
        PublishedEvents.assertValid(LeadMerged.class, json);
        assertThat(json.path("kind").asText()).isEqualTo("MANUAL");
        assertThat(json.path("leadId").asText()).isEqualTo(survivor);
        assertThat(json.path("mergedLeadId").asText()).isEqualTo(duplicate);
        assertThat(json.path("matchedOn").asText()).isEqualTo("NAME_AND_COMPANY");
        assertThat(json.path("filledFields").toString()).isEqualTo("[\"phone\",\"country\"]");
        assertThat(json.path("survivor").path("country").asText()).isEqualTo("GB");
        assertThat(json.path("survivor").path("company").asText()).isEqualTo("Analytical Engines " + tag);
        assertThat(json.path("survivor").path("quality").path("phoneCountry").asText()).isEqualTo("GB");
        // the company is a business attribute; the contact data is not
        assertThat(event.getPayload()).doesNotContain(survivorEmail).doesNotContain(duplicateEmail)
                .doesNotContain(phone.replace(" ", "").substring(1)).doesNotContain("Lovela").doesNotContain("Ada");

        // the duplicate's email now stands for the survivor: a submission with it merges into the survivor
        post(LeadDeduplicationTest.body("Ada", "Lovelace", duplicateEmail, null, null, null, "web"))
                .then().statusCode(200).body("duplicateOf", equalTo(survivor));
        assertThat(rows.query("select matched_on from lead_merge where lead_id = $1 and kind = 'SUBMISSION'",
                UUID.fromString(survivor))).isEqualTo("EMAIL");
    }

    @Test
    @TestSecurity(user = "admin1", roles = "lead-admin")
    void shouldAnswer409ProblemWhenTheDuplicateIsAlreadyMergedOrTheSurvivorWasMergedAway() {
        String a = create(LeadDeduplicationTest.body("Alan", "Turing", "alan+" + FuzzyDuplicateTest.tag()
                + "@example.com", null, null, null, "web"));
        String b = create(LeadDeduplicationTest.body("Alan", "Mathison Turing", "amt+" + FuzzyDuplicateTest.tag()
                + "@example.com", null, null, null, "web"));
        String c = create(LeadDeduplicationTest.body("A.", "Turing", "turing+" + FuzzyDuplicateTest.tag()
                + "@example.com", null, null, null, "web"));
        merge(a, b).then().statusCode(200).body("mergedInto", nullValue());

        merge(a, b).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/lead-merged"))
                .body("detail", containsString(a));
        merge(b, c).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("merge into that lead instead"));
        merge(c, b).then().statusCode(409);

        assertThat((Long) rows.query("select count(*) from lead_merge where merged_lead_id = $1", UUID.fromString(b)))
                .isEqualTo(1L);
        assertThat(rows.query("select merged_at is not null and merged_into = $2 from lead where id = $1",
                UUID.fromString(b), UUID.fromString(a))).isEqualTo(true);

        // merging a into c later carries b along: merged_into always names a lead that is not merged itself
        merge(c, a).then().statusCode(200).body("merges", equalTo(2)); // a into c, and b into a before
        assertThat(rows.query("select merged_into from lead where id = $1", UUID.fromString(b)))
                .isEqualTo(UUID.fromString(c));
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldRefuseTheLeadItselfUnknownLeadsAndAMissingReason() {
        String a = create(LeadDeduplicationTest.body("Grace", "Hopper", "grace+" + FuzzyDuplicateTest.tag()
                + "@example.com", null, null, null, "web"));

        merge(a, a).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("duplicateId"));
        merge(a, UUID.randomUUID().toString()).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
        merge(UUID.randomUUID().toString(), a).then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/json").body("{\"duplicateId\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/leads/" + a + "/merge").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("reason")));
        given().contentType("application/json").body("{\"duplicateId\":\"not-a-uuid\",\"reason\":\"x\"}")
                .post("/api/leads/" + a + "/merge").then().statusCode(400).contentType("application/problem+json");
        assertThat((Long) rows.query("select count(*) from lead_merge where lead_id = $1", UUID.fromString(a))).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNotLetARepMerge() {
        merge(UUID.randomUUID().toString(), UUID.randomUUID().toString()).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldNotLetAnIntegrationMerge() {
        merge(UUID.randomUUID().toString(), UUID.randomUUID().toString()).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldMergeAPairOnceUnder10ConcurrentRequestsEitherWayRound() throws Exception {
        String a = create(LeadDeduplicationTest.body("Barbara", "Liskov", "barbara+" + FuzzyDuplicateTest.tag()
                + "@example.com", null, null, null, "web"));
        String b = create(LeadDeduplicationTest.body("Barbara", "Liskov", "liskov+" + FuzzyDuplicateTest.tag()
                + "@example.com", null, null, null, "web"));
        int requests = 10;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                boolean intoA = i % 2 == 0;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitStart(start);
                    return intoA ? merge(a, b) : merge(b, a);
                }, threads));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(requests - 1);
            assertThat((Long) rows.query("select count(*) from lead_merge where kind = 'MANUAL' and "
                    + "(merged_lead_id = $1 or merged_lead_id = $2)", UUID.fromString(a), UUID.fromString(b)))
                    .isEqualTo(1L);
            assertThat((Long) rows.query("select count(*) from lead where id in ($1, $2) and merged_into is not null",
                    UUID.fromString(a), UUID.fromString(b))).isEqualTo(1L);
            assertThat((Long) rows.query("select count(*) from outbox_event where aggregate_id in ($1, $2) "
                    + "and event_type = 'leadstream.lead.merged.v1'", a, b)).isEqualTo(1L);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldRejectPersonalDataOrAMissingMergedLeadInAManualLeadMergedBySchema() throws Exception {
        JsonNode valid = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","kind":"MANUAL",
                 "mergedLeadId":"1b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","source":"web",
                 "filledFields":["phone"],"mergedAt":"2026-11-22T10:00:00Z"}""");
        LeadMerged merged = PublishedEvents.assertValid(LeadMerged.class, valid);
        PublishedEvents.assertRefused(EventsWithPersonalData.LeadMergedWithLastName.class, "lastName");
        PublishedEvents.assertInvalid(LeadMerged.class, new LeadMerged(merged.leadId(), LeadMerged.Kind.MANUAL, null,
                null, merged.source(), merged.filledFields(), null, merged.mergedAt()));
        PublishedEvents.assertInvalid(LeadMerged.class, LeadMerged.submission(merged.leadId(),
                MatchedOn.NAME_AND_COMPANY, "web", List.of(), null, merged.mergedAt()));
    }

    private Message<String> mergedEvent(String leadId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> outbox.received().stream()
                .filter(m -> "leadstream.lead.merged.v1".equals(TestEvents.cloudEvent(m).getType()))
                .filter(m -> m.getPayload().contains("\"MANUAL\"") && m.getPayload().contains(leadId))
                .findFirst().orElse(null), m -> m != null);
    }

    private static void consent(String leadId, String email) {
        given().contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED",
                 "proof":{"method":"web-form","textVersion":"marketing-2026-01","source":"contact-form","address":"%s"}}"""
                .formatted(email)).post("/api/leads/" + leadId + "/consents").then().statusCode(201);
    }

    static Response merge(String survivor, String duplicate) {
        return given().contentType("application/json")
                .body("{\"duplicateId\":\"" + duplicate + "\",\"reason\":\"duplicate\"}")
                .post("/api/leads/" + survivor + "/merge");
    }

    private static String create(String body) {
        return post(body).then().statusCode(201).extract().path("id");
    }

    private static Response post(String body) {
        return given().contentType("application/json").body(body).post("/api/leads");
    }

    private static void awaitStart(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
