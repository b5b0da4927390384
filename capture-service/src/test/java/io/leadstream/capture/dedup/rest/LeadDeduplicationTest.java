package io.leadstream.capture.dedup.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.dedup.LeadMerged;
import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.idempotency.rest.IdempotencyKeyTest;
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
 * De-duplication on POST /api/leads (issue 3): exact match on normalised email or E.164 phone, policy per source
 * ({@code %test}: {@code import} flags, {@code migration} creates, everything else merges). Every test uses its own
 * emails and phones: the database is shared by the whole test JVM.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
public class LeadDeduplicationTest {

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
    @TestSecurity(user = "crm-app", roles = { "integration", "sales-manager" })
    void shouldMergeADuplicateEmailInto200WithDuplicateOfFillingOnlyBlankFields() throws Exception {
        String tag = tag();
        String email = "ada+" + tag + "@example.com";
        Response first = post(body("Ada", "Lovelace", email, null, null, null, "web"));
        first.then().statusCode(201);
        String id = first.path("id");

        Response second = post(body("Augusta", "King", " ADA+" + tag.toUpperCase() + "@Example.COM ", null,
                "Analytical Engines Ltd", null, "partner-site"));

        second.then().statusCode(200)
                .header("Location", endsWith("/api/leads/" + id))
                .body("id", equalTo(id))
                .body("duplicateOf", equalTo(id))
                .body("firstName", equalTo("Ada"))
                .body("lastName", equalTo("Lovelace"))
                .body("source", equalTo("web"))
                .body("company", equalTo("Analytical Engines Ltd"));
        assertThat(second.<String>path("updatedAt")).isNotEqualTo(first.<String>path("updatedAt"));
        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
        assertThat(rows.capturedEvents(id)).isEqualTo(1);
        assertThat(mergeRows(id)).isEqualTo(1);
        assertThat(rows.query("select filled_fields::text from lead_merge where lead_id = $1", UUID.fromString(id)))
                .isEqualTo("{\"company\": \"Analytical Engines Ltd\"}");
        String read = given().get("/api/leads/" + id).then().statusCode(200)
                .body("company", equalTo("Analytical Engines Ltd"))
                .body("merges", equalTo(1)).extract().asString();
        assertThat(read).doesNotContain("duplicateOf");

        Message<String> event = mergedEvent(id);
        assertThat(TestEvents.cloudEvent(event).getType()).isEqualTo("leadstream.lead.merged.v1");
        assertThat(event.getPayload()).doesNotContainIgnoringCase(email).doesNotContain("Augusta")
                .doesNotContain("King").doesNotContain("Lovelace");
        JsonNode json = mapper.readTree(event.getPayload());
        PublishedEvents.assertValid(LeadMerged.class, json);
        assertThat(json.path("leadId").asText()).isEqualTo(id);
        assertThat(json.path("matchedOn").asText()).isEqualTo("EMAIL");
        assertThat(json.path("source").asText()).isEqualTo("partner-site");
        assertThat(json.path("filledFields").toString()).isEqualTo("[\"company\"]");
        // the survivor after the merge (the company it got is a business attribute), never the submission's names
        assertThat(json.path("survivor").path("company").asText()).isEqualTo("Analytical Engines Ltd");
        assertThat(json.path("survivor").path("quality").path("hasCompany").asBoolean()).isTrue();

        String history = given().get("/api/leads/" + id + "/duplicates").then().statusCode(200)
                .body("duplicates", empty())
                .body("merges", hasSize(1))
                .body("merges[0].kind", equalTo("SUBMISSION"))
                .body("merges[0].matchedOn", equalTo("EMAIL"))
                .body("merges[0].source", equalTo("partner-site"))
                .body("merges[0].filledFields", contains("company"))
                .body("merges[0].mergedBy", equalTo("crm-app"))
                .extract().asString();
        assertThat(history).doesNotContain("Augusta").doesNotContain("Analytical");
    }

    @Test
    void shouldRejectPersonalDataInLeadMergedBySchema() {
        PublishedEvents.assertRefused(EventsWithPersonalData.LeadMergedWithEmail.class, "email");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldMergeADuplicatePhoneWrittenNationallyWithItsCountry() {
        String national = londonNumber();
        String id = post(body("Grace", "Hopper", "grace+" + tag() + "@example.com", "+44 " + national.substring(1),
                null, null, "web")).then().statusCode(201).extract().path("id");

        post(body("Grace", "Hopper", null, national, null, "GB", "web")).then().statusCode(200)
                .body("duplicateOf", equalTo(id))
                .body("country", equalTo("GB"));

        assertThat(mergeRows(id)).isEqualTo(1);
        assertThat(rows.query("select matched_on from lead_merge where lead_id = $1", UUID.fromString(id)))
                .isEqualTo("PHONE");
        assertThat(rows.query("select count(*) from lead where phone = $1", "+44" + national.substring(1).replace(" ", "")))
                .isEqualTo(1L);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldCreateAndFlagADuplicateFromAFlagSource() {
        String email = "alan+" + tag() + "@example.com";
        String first = post(body("Alan", "Turing", email, null, null, null, "web")).then().statusCode(201)
                .extract().path("id");

        String second = post(body("Alan", "Turing", email, null, null, null, "import")).then().statusCode(201)
                .body("duplicateOf", equalTo(null))
                .extract().path("id");

        assertThat(second).isNotEqualTo(first);
        assertThat(rows.leadsWithEmail(email)).isEqualTo(2);
        assertThat(mergeRows(first)).isZero();
        assertThat(rows.query("select matched_on from lead_duplicate where lead_id = $1 and suspected_lead_id = $2",
                UUID.fromString(second), UUID.fromString(first))).isEqualTo("EMAIL");
        given().get("/api/leads/" + first + "/duplicates").then().statusCode(200)
                .body("leadId", equalTo(first))
                .body("duplicates", hasSize(1))
                .body("duplicates[0].leadId", equalTo(second))
                .body("duplicates[0].matchedOn", contains("EMAIL"))
                .body("duplicates[0].detail", containsString("flagged"))
                .body("merges", empty());
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldCreateWithoutAnyRecordForACreateSourceButStillListTheSharedEmailLive() {
        String email = "edsger+" + tag() + "@example.com";
        String phone = "+44 " + londonNumber().substring(1);
        String first = post(body("Edsger", "Dijkstra", email, phone, null, null, "web")).then().statusCode(201)
                .extract().path("id");

        String second = post(body("Edsger", "Dijkstra", email, phone, null, null, "migration")).then()
                .statusCode(201).extract().path("id");

        assertThat(rows.leadsWithEmail(email)).isEqualTo(2);
        assertThat(mergeRows(first)).isZero();
        assertThat(rows.query("select count(*) from lead_duplicate where lead_id = $1 or suspected_lead_id = $1",
                UUID.fromString(second))).isEqualTo(0L);
        given().get("/api/leads/" + second + "/duplicates").then().statusCode(200)
                .body("duplicates", hasSize(1))
                .body("duplicates[0].leadId", equalTo(first))
                .body("duplicates[0].matchedOn", contains("EMAIL", "PHONE"))
                .body("duplicates[0].detail", equalTo("shares its email and phone now"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldCreateExactlyOneLeadFor10ConcurrentPostsOfOneEmail() throws Exception {
        String email = "barbara+" + tag() + "@example.com";
        String body = body("Barbara", "Liskov", email, null, null, null, "web");
        int requests = 10;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String key = i % 2 == 0 ? UUID.randomUUID().toString() : null; // half with their own key, half none
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitStart(start);
                    return key == null ? post(body) : IdempotencyKeyTest.post(key, body);
                }, threads));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (CompletableFuture<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
            List<Response> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
            assertThat(created).hasSize(1);
            String id = created.get(0).path("id");
            assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(requests - 1)
                    .allSatisfy(r -> assertThat(r.<String>path("duplicateOf")).isEqualTo(id));
            assertThat(mergeRows(id)).isEqualTo(requests - 1);
            assertThat(rows.capturedEvents(id)).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldReplayAMergeForTheSameKeyAsTheSame200WithOneMergeRow() {
        String email = "katherine+" + tag() + "@example.com";
        String id = post(body("Katherine", "Johnson", email, null, null, null, "web")).then().statusCode(201)
                .extract().path("id");
        String key = UUID.randomUUID().toString();
        String again = body("Katherine", "Johnson", email, null, "NASA", null, "web");

        Response first = IdempotencyKeyTest.post(key, again);
        Response replay = IdempotencyKeyTest.post(key, again);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.<String>path("duplicateOf")).isEqualTo(id);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(mergeRows(id)).isEqualTo(1);
        assertThat(rows.query("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.merged.v1'", id)).isEqualTo(1L);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldAnswerDuplicatesOfAnUnknownLeadWith404Problem() {
        given().get("/api/leads/" + UUID.randomUUID() + "/duplicates").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNotShowDuplicatesToARep() {
        given().get("/api/leads/" + UUID.randomUUID() + "/duplicates").then().statusCode(403)
                .contentType("application/problem+json");
    }

    private long mergeRows(String leadId) {
        return (Long) rows.query("select count(*) from lead_merge where lead_id = $1", UUID.fromString(leadId));
    }

    private Message<String> mergedEvent(String leadId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> outbox.received().stream()
                .filter(m -> "leadstream.lead.merged.v1".equals(TestEvents.cloudEvent(m).getType()))
                .filter(m -> m.getPayload().contains(leadId)).findFirst().orElse(null), m -> m != null);
    }

    private static Response post(String body) {
        return given().contentType("application/json").body(body).post("/api/leads");
    }

    public static String body(String first, String last, String email, String phone, String company, String country,
            String source) {
        StringBuilder json = new StringBuilder("{\"firstName\":\"" + first + "\",\"lastName\":\"" + last + "\"");
        append(json, "email", email);
        append(json, "phone", phone);
        append(json, "company", company);
        append(json, "country", country);
        append(json, "source", source);
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append(",\"").append(name).append("\":\"").append(value).append('"');
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A London number in national format, {@code 020 7xxx xxxx}, random enough not to meet another test's. */
    public static String londonNumber() {
        return "020 7" + String.format("%03d %04d", ThreadLocalRandom.current().nextInt(1000),
                ThreadLocalRandom.current().nextInt(10000));
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
