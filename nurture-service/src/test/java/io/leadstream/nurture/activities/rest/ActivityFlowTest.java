package io.leadstream.nurture.activities.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.activities.ActivityLogged;
import io.leadstream.nurture.lifecycle.CaptureEventsConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ActivityFlowTest {

    static final String INQUIRED = "leadstream.lead.inquired.v1";
    static final String ERASED = "leadstream.lead.erased.v1";
    static final String MERGED = "leadstream.lead.merged.v1";
    static final String LOGGED = "leadstream.activity.logged.v1";
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    CaptureEventsConsumer consumer;
    @Inject
    Pool pool;

    InMemorySource<Message<String>> distributionEvents;
    InMemorySource<Message<String>> captureEvents;
    InMemorySink<String> outbox;

    @BeforeEach
    void channels() {
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        outbox = connector.sink("outbox");
    }

    /** A lead nurture knows, owned by {@code rep}: distribution assigned it. */
    private String leadOf(String rep) {
        return new NurtureLeads(connector, pool).openedFor(rep);
    }

    private long count(String sql, String leadId) {
        return new NurtureLeads(connector, pool).count(sql, leadId);
    }

    private static Response post(String leadId, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/leads/" + leadId + "/activities");
    }

    private List<JsonNode> loggedEventsFor(String leadId) {
        return outbox.received().stream()
                .filter(m -> leadId.equals(TestEvents.cloudEvent(m).getSubject().orElse(null)))
                .filter(m -> LOGGED.equals(TestEvents.cloudEvent(m).getType()))
                .map(m -> {
                    try {
                        return mapper.readTree(m.getPayload());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private void assertValidAgainstTheSchema(JsonNode payload) throws Exception {
        try (InputStream schema = getClass().getResourceAsStream("/events/activity.logged.v1.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(payload)).isEmpty();
        }
        EventContracts.assertPublishes(ActivityLogged.class, mapper.treeToValue(payload, ActivityLogged.class));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLogEveryKindAndPublishActivityLoggedWithoutContent() throws Exception {
        String leadId = leadOf("rep1");
        List<String> bodies = List.of(
                """
                {"kind":"CALL","direction":"OUTBOUND","durationSeconds":420,"outcome":"answered",
                 "occurredAt":"2026-12-01T09:00:00Z"}""",
                """
                {"kind":"EMAIL","direction":"OUTBOUND","subject":"Your quote","text":"Dear Ada, here it is",
                 "occurredAt":"2026-12-01T09:01:00Z"}""",
                """
                {"kind":"WHATSAPP","direction":"INBOUND","text":"yes please","replyToMessageId":"%s",
                 "occurredAt":"2026-12-01T09:02:00Z"}""".formatted(UUID.randomUUID()),
                """
                {"kind":"SMS","direction":"OUTBOUND","text":"see you at 10","occurredAt":"2026-12-01T09:03:00Z"}""",
                """
                {"kind":"MEETING","durationSeconds":1800,"outcome":"held","occurredAt":"2026-12-01T09:04:00Z"}""",
                """
                {"kind":"NOTE","text":"prefers calls after 4pm","occurredAt":"2026-12-01T09:05:00Z"}""",
                """
                {"kind":"DOCUMENT","document":{"fileName":"offer-ada-lovelace.pdf","mediaType":"application/pdf",
                 "sizeBytes":48213,"sha256":"%s"},"occurredAt":"2026-12-01T09:06:00Z"}""".formatted(SHA));
        for (String body : bodies) {
            String id = post(leadId, body).then().statusCode(201)
                    .header("Location", matchesPattern(".*/api/leads/" + leadId + "/activities/[0-9a-f-]{36}$"))
                    .body("leadId", equalTo(leadId))
                    .body("source", equalTo("REP"))
                    .body("loggedBy", equalTo("rep1"))
                    .body("loggedAt", notNullValue())
                    .extract().path("activityId");
            given().get("/api/leads/" + leadId + "/activities/" + id).then().statusCode(200)
                    .body("activityId", equalTo(id));
        }

        given().get("/api/leads/" + leadId + "/activities").then().statusCode(200)
                .body("items", hasSize(7))
                .body("items.kind", equalTo(List.of("DOCUMENT", "NOTE", "MEETING", "SMS", "WHATSAPP", "EMAIL", "CALL")))
                .body("items[0].document.fileName", equalTo("offer-ada-lovelace.pdf"))
                .body("items[1].text", equalTo("prefers calls after 4pm"))
                .body("items[5].subject", equalTo("Your quote"))
                .body("items[6].durationSeconds", equalTo(420))
                .body("nextCursor", nullValue());

        List<JsonNode> events = await().atMost(Duration.ofSeconds(10))
                .until(() -> loggedEventsFor(leadId), list -> list.size() == 7);
        for (JsonNode event : events) {
            assertValidAgainstTheSchema(event);
            String json = event.toString();
            assertThat(json).doesNotContain("Your quote", "Dear Ada", "yes please", "see you", "prefers calls",
                    "offer-ada-lovelace");
        }
        JsonNode document = events.stream().filter(e -> "DOCUMENT".equals(e.path("kind").asText())).findFirst()
                .orElseThrow();
        assertThat(document.path("document").path("sha256").asText()).isEqualTo(SHA);
        assertThat(document.path("document").path("sizeBytes").asLong()).isEqualTo(48213);
        assertThat(document.path("source").asText()).isEqualTo("REP");
        assertThat(document.path("loggedBy").asText()).isEqualTo("rep1");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNameEveryOffendingField() {
        String leadId = leadOf("rep1");
        post(leadId, """
                {"kind":"CALL","durationSeconds":-5,"outcome":"Not A Slug","occurredAt":"2999-01-01T00:00:00Z"}""")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors.field", hasItems("direction", "durationSeconds", "outcome", "occurredAt"));
        post(leadId, """
                {"kind":"DOCUMENT","document":{"fileName":"","mediaType":"pdf","sizeBytes":-1,"sha256":"abc"}}""")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("document.fileName", "document.mediaType", "document.sizeBytes",
                        "document.sha256"));
        post(leadId, "{\"kind\":\"FAX\"}").then().statusCode(400).body("errors.field", hasItems("kind"));
        post(leadId, "{\"kind\":\"NOTE\",\"text\":\"" + "x".repeat(10_001) + "\"}").then().statusCode(400)
                .body("errors.field", hasItems("text"));
        post(leadId, "{\"kind\":\"NOTE\",\"text\":\"hi\",\"durationSeconds\":\"long\"}").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/leads/" + leadId + "/activities?limit=0").then().statusCode(400)
                .body("errors.field", hasItems("limit"));
        given().get("/api/leads/" + leadId + "/activities?cursor=nonsense").then().statusCode(400)
                .body("errors.field", hasItems("cursor"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "has spaces").body("{\"kind\":\"NOTE\","
                + "\"text\":\"hi\"}").post("/api/leads/" + leadId + "/activities").then().statusCode(400)
                .body("errors.field", hasItems("Idempotency-Key"));
        assertThat(count("select count(*) from activity where lead_id = $1", leadId)).isZero();
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswer404ForAnotherRepsLeadAndForAnUnknownOne() {
        String leadId = leadOf("rep1");
        post(leadId, "{\"kind\":\"NOTE\",\"text\":\"not mine\"}").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/leads/" + leadId + "/activities").then().statusCode(404);
        post(UUID.randomUUID().toString(), "{\"kind\":\"NOTE\",\"text\":\"who?\"}").then().statusCode(404)
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
        assertThat(count("select count(*) from activity where lead_id = $1", leadId)).isZero();
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetAManagerLogOnAnyLead() {
        String leadId = leadOf("rep1");
        post(leadId, "{\"kind\":\"NOTE\",\"text\":\"spoke to the rep\"}").then().statusCode(201)
                .body("source", equalTo("REP")).body("loggedBy", equalTo("manager"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldLetAnIntegrationLogAsIntegration() throws Exception {
        String leadId = leadOf("rep1");
        post(leadId, """
                {"kind":"EMAIL","direction":"INBOUND","subject":"Re: quote","occurredAt":"2026-12-01T10:00:00Z"}""")
                .then().statusCode(201)
                .body("source", equalTo("INTEGRATION"))
                .body("loggedBy", equalTo("crm-app"));
        JsonNode event = await().atMost(Duration.ofSeconds(10))
                .until(() -> loggedEventsFor(leadId), list -> !list.isEmpty()).get(0);
        assertValidAgainstTheSchema(event);
        assertThat(event.path("source").asText()).isEqualTo("INTEGRATION");
        assertThat(event.path("loggedBy").asText()).isEqualTo("crm-app");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLogOncePerIdempotencyKey() {
        String leadId = leadOf("rep1");
        String key = UUID.randomUUID().toString();
        String body = "{\"kind\":\"CALL\",\"direction\":\"OUTBOUND\",\"outcome\":\"voicemail\"}";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/leads/" + leadId + "/activities").then().statusCode(201).extract().path("activityId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/leads/" + leadId + "/activities").then().statusCode(201)
                .header("Idempotency-Replayed", "true")
                .body("activityId", equalTo(first));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"kind\":\"CALL\",\"direction\":\"OUTBOUND\",\"outcome\":\"answered\"}")
                .post("/api/leads/" + leadId + "/activities").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-reused"));

        assertThat(count("select count(*) from activity where lead_id = $1", leadId)).isEqualTo(1);
        // the relay sends in commit order: once a later activity's event is out, a second one would be too
        String marker = post(leadId, "{\"kind\":\"NOTE\",\"text\":\"marker\"}").then().statusCode(201)
                .extract().path("activityId");
        await().atMost(Duration.ofSeconds(10)).until(() -> loggedEventsFor(leadId).stream()
                .anyMatch(e -> marker.equals(e.path("activityId").asText())));
        assertThat(loggedEventsFor(leadId)).extracting(e -> e.path("activityId").asText()).containsExactlyInAnyOrder(
                first, marker);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldPageNewestFirst() {
        String leadId = leadOf("rep1");
        for (int minute = 0; minute < 5; minute++) {
            post(leadId, "{\"kind\":\"NOTE\",\"text\":\"note " + minute + "\",\"occurredAt\":\"2026-12-01T09:0" + minute
                    + ":00Z\"}").then().statusCode(201);
        }
        Response first = given().get("/api/leads/" + leadId + "/activities?limit=2");
        first.then().statusCode(200).body("items.text", equalTo(List.of("note 4", "note 3")));
        String cursor = first.path("nextCursor");
        Response second = given().queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/leads/" + leadId + "/activities");
        second.then().statusCode(200).body("items.text", equalTo(List.of("note 2", "note 1")));
        given().queryParam("limit", 2).queryParam("cursor", (String) second.path("nextCursor"))
                .get("/api/leads/" + leadId + "/activities").then().statusCode(200)
                .body("items.text", equalTo(List.of("note 0")))
                .body("nextCursor", nullValue());
    }

    private static String inquired(String inquiryId, String leadId, String channel, String extra) {
        return """
                {"inquiryId":"%s","leadId":"%s","channel":"%s","newLead":false,"messageType":"x",
                 "receivedAt":"2026-11-25T15:00:00Z"%s,"somethingNew":"ignored"}""".formatted(inquiryId, leadId, channel,
                extra);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldTurnInquiriesIntoActivitiesOnce() throws Exception {
        String leadId = leadOf("rep1");
        String call = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event(INQUIRED, leadId, inquired(call, leadId, "call",
                ",\"direction\":\"inbound\",\"durationSeconds\":180,\"outcome\":\"answered\",\"textLength\":12")));
        captureEvents.send(TestEvents.event(INQUIRED, leadId, inquired(UUID.randomUUID().toString(), leadId,
                "whatsapp", ",\"textLength\":42")));
        captureEvents.send(TestEvents.event(INQUIRED, leadId, inquired(UUID.randomUUID().toString(), leadId,
                "google-ads", ",\"test\":false")));
        // capture republishes the call (another ce_id, the same inquiryId): still one activity
        captureEvents.send(TestEvents.event(INQUIRED, leadId, inquired(call, leadId, "call",
                ",\"direction\":\"inbound\"")));

        List<JsonNode> events = await().atMost(Duration.ofSeconds(10))
                .until(() -> loggedEventsFor(leadId), list -> list.size() >= 3);
        String marker = leadOf("rep1"); // events of one channel are applied in order; the outbox relays in order
        captureEvents.send(TestEvents.event(INQUIRED, marker, inquired(UUID.randomUUID().toString(), marker,
                "whatsapp", "")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !loggedEventsFor(marker).isEmpty());
        events = loggedEventsFor(leadId);
        assertThat(events).hasSize(3);
        for (JsonNode event : events) {
            assertValidAgainstTheSchema(event);
            assertThat(event.path("source").asText()).isEqualTo("INQUIRY");
        }
        assertThat(events).extracting(e -> e.path("kind").asText()).containsExactlyInAnyOrder("CALL", "WHATSAPP",
                "NOTE");

        given().get("/api/leads/" + leadId + "/activities").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.source", equalTo(List.of("INQUIRY", "INQUIRY", "INQUIRY")))
                .body("items.find { it.kind == 'CALL' }.direction", equalTo("INBOUND"))
                .body("items.find { it.kind == 'CALL' }.durationSeconds", equalTo(180))
                .body("items.find { it.kind == 'CALL' }.outcome", equalTo("answered"))
                .body("items.find { it.kind == 'WHATSAPP' }.direction", equalTo("INBOUND"))
                .body("items.find { it.kind == 'CALL' }.occurredAt", equalTo("2026-11-25T15:00:00Z"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldDeleteAnErasedLeadsActivities() {
        String leadId = leadOf("rep1");
        post(leadId, "{\"kind\":\"NOTE\",\"text\":\"Ada's husband answered\"}").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"to\":\"CONTACTED\",\"note\":\"Ada asked for a call on Monday\"}")
                .post("/api/leads/" + leadId + "/stage").then().statusCode(200);
        assertThat(count("select count(*) from stage_change where lead_id = $1 and note is not null", leadId)).isOne();
        post(leadId, "{\"kind\":\"EMAIL\",\"direction\":\"OUTBOUND\",\"subject\":\"Hello Ada\"}").then().statusCode(201);
        String other = leadOf("rep1");
        post(other, "{\"kind\":\"NOTE\",\"text\":\"stays\"}").then().statusCode(201);

        captureEvents.send(TestEvents.event(ERASED, leadId,
                "{\"leadId\":\"" + leadId + "\",\"erasedAt\":\"" + Instant.now() + "\"}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from activity where lead_id = $1",
                leadId) == 0);
        given().get("/api/leads/" + leadId + "/activities").then().statusCode(200).body("items", hasSize(0));
        // the stage notes about the lead went too (same transaction as the activities)
        assertThat(count("select count(*) from stage_change where lead_id = $1 and note is not null", leadId)).isZero();
        assertThat(count("select count(*) from activity where lead_id = $1", other)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldMoveAManuallyMergedLeadsActivitiesToTheSurvivor() {
        String survivor = leadOf("rep1");
        String merged = leadOf("rep2");
        post(survivor, "{\"kind\":\"NOTE\",\"text\":\"survivor's\",\"occurredAt\":\"2026-12-01T09:00:00Z\"}")
                .then().statusCode(201);
        post(merged, "{\"kind\":\"NOTE\",\"text\":\"merged one's\",\"occurredAt\":\"2026-12-01T10:00:00Z\"}")
                .then().statusCode(201);

        // a SUBMISSION merge moves nothing
        captureEvents.send(TestEvents.event(MERGED, survivor, """
                {"leadId":"%s","kind":"SUBMISSION","matchedOn":"EMAIL","source":"web","filledFields":[],
                 "mergedAt":"2026-12-02T08:00:00Z"}""".formatted(survivor)));
        captureEvents.send(TestEvents.event(MERGED, survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"import","filledFields":[],
                 "mergedAt":"2026-12-02T08:15:00Z"}""".formatted(survivor, merged)));

        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from activity where lead_id = $1",
                merged) == 0);
        given().get("/api/leads/" + survivor + "/activities").then().statusCode(200)
                .body("items.text", equalTo(List.of("merged one's", "survivor's")))
                .body("items.leadId", equalTo(List.of(survivor, survivor)));
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        post(UUID.randomUUID().toString(), "{\"kind\":\"NOTE\",\"text\":\"hi\"}").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "acme", roles = "partner")
    void shouldRefusePartnersWith403Problem() {
        given().get("/api/leads/" + UUID.randomUUID() + "/activities").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldHandleOrIgnoreEveryEventCapturePublishes() {
        EventContracts.assertCovers(consumer.handlers(), "capture-service");
    }
}
