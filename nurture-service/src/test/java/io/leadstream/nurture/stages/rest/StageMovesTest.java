package io.leadstream.nurture.stages.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.stages.LeadStageChanged;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** POST /api/leads/{leadId}/stage: the guarded moves, record-level access, the history and lead.stage-changed. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class StageMovesTest {

    static final String SHARED = "leadstream.lead.shared.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;

    InMemorySource<Message<String>> distributionEvents;
    InMemorySink<String> outbox;

    @BeforeEach
    void channels() {
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        outbox = connector.sink("outbox");
    }

    /** A lead distribution assigned to {@code repId}: nurture opens it at OPEN (its first lead.stage-changed). */
    private String openedFor(String repId) {
        return new NurtureLeads(connector, pool).openedFor(repId);
    }

    private static ValidatableResponse move(String leadId, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/leads/" + leadId + "/stage").then();
    }

    /** The lead's second lead.stage-changed (the first is its opening), checked against the schema. */
    private JsonNode moveEvent(String leadId) throws Exception {
        List<? extends Message<String>> events = await().atMost(Duration.ofSeconds(10))
                .until(() -> stageEventsFor(leadId), list -> list.size() >= 2);
        assertThat(events).hasSize(2);
        String json = events.get(1).getPayload();
        EventContracts.assertPublishes(LeadStageChanged.class, mapper.readValue(json, LeadStageChanged.class));
        assertThat(TestEvents.cloudEvent(events.get(1)).getType()).isEqualTo("leadstream.lead.stage-changed.v1");
        return mapper.readTree(json);
    }

    private List<Row> history(String leadId) {
        return pool.preparedQuery("select from_stage, to_stage, reason, note, changed_by from stage_change "
                + "where lead_id = $1 order by changed_at, from_stage nulls first")
                .execute(Tuple.of(UUID.fromString(leadId))).await().atMost(Duration.ofSeconds(10))
                .stream().toList();
    }

    /** Nothing more is published for the lead: once a later lead's opening is out, its event would be too. */
    private void assertNoMoveEvent(String leadId) {
        openedFor("rep9");
        assertThat(stageEventsFor(leadId)).as("only the opening").hasSize(1);
        assertThat(history(leadId)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldMoveTheRepsOwnLeadOneStepForwardAndPublishIt() throws Exception {
        String leadId = openedFor("rep1");

        move(leadId, Map.of("to", "CONTACTED", "note", "Spoke to Jane Doe, call back on +49 170 1234567"))
                .statusCode(200)
                .body("leadId", equalTo(leadId))
                .body("stage", equalTo("CONTACTED"))
                .body("owner", equalTo("rep1"))
                .body("since", notNullValue());
        given().get("/api/leads/" + leadId + "/stage").then().statusCode(200).body("stage", equalTo("CONTACTED"));

        JsonNode event = moveEvent(leadId);
        assertThat(event.path("from").asText()).isEqualTo("OPEN");
        assertThat(event.path("to").asText()).isEqualTo("CONTACTED");
        assertThat(event.path("owner").asText()).isEqualTo("rep1");
        assertThat(event.path("changedBy").asText()).isEqualTo("rep1");
        assertThat(event.path("reason").asText()).isEqualTo("moved by rep1");
        assertThat(event.toString()).as("the note never leaves nurture").doesNotContain("Jane", "1234567");

        List<Row> history = history(leadId);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).getString("from_stage")).isNull();
        assertThat(history.get(0).getString("to_stage")).isEqualTo("OPEN");
        assertThat(history.get(0).getString("reason")).isEqualTo("assigned to rep1");
        assertThat(history.get(0).getString("changed_by")).isNull();
        assertThat(history.get(1).getString("from_stage")).isEqualTo("OPEN");
        assertThat(history.get(1).getString("to_stage")).isEqualTo("CONTACTED");
        assertThat(history.get(1).getString("note")).isEqualTo("Spoke to Jane Doe, call back on +49 170 1234567");
        assertThat(history.get(1).getString("changed_by")).isEqualTo("rep1");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldDisqualifyWithAReasonCodeAndKeepTheNoteOutOfTheEvent() throws Exception {
        String leadId = openedFor("rep1");

        move(leadId, Map.of("to", "UNQUALIFIED", "reason", "no-budget", "note", "budget frozen until Q3"))
                .statusCode(200).body("stage", equalTo("UNQUALIFIED"));

        JsonNode event = moveEvent(leadId);
        assertThat(event.path("reason").asText()).isEqualTo("no-budget");
        assertThat(event.toString()).doesNotContain("frozen");
        assertThat(history(leadId).get(1).getString("note")).isEqualTo("budget frozen until Q3");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseAMoveTheTableForbidsWith409NamingTheAllowedMoves() {
        String leadId = openedFor("rep1");

        move(leadId, Map.of("to", "INACTIVE")).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/stage-move-not-allowed"))
                .body("detail", containsString("from OPEN a lead may move to CONTACTED"));
        move(leadId, Map.of("to", "OPEN")).statusCode(409)
                .body("type", equalTo("https://leadstream.dev/problems/stage-unchanged"));

        given().get("/api/leads/" + leadId + "/stage").then().body("stage", equalTo("OPEN"));
        assertNoMoveEvent(leadId);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseARepMakingALeadACustomerBeforeNegotiationWith403() {
        String leadId = openedFor("rep1");

        move(leadId, Map.of("to", "CUSTOMER", "reason", "contract-signed")).statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/stage-move-needs-manager"));

        given().get("/api/leads/" + leadId + "/stage").then().body("stage", equalTo("OPEN"));
        assertNoMoveEvent(leadId);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldAnswerABadStageOrReasonWith400NamingTheField() {
        String leadId = openedFor("rep1");

        move(leadId, Map.of("to", "UNQUALIFIED")).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/invalid-stage-move"))
                .body("errors[0].field", equalTo("reason"))
                .body("errors[0].message", containsString("no-budget"));
        move(leadId, Map.of("to", "UNQUALIFIED", "reason", "too pricey")).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        move(leadId, Map.of("to", "QUALIFIED")).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        move(leadId, Map.of("to", "WON")).statusCode(400)
                .body("errors[0].field", equalTo("to"))
                .body("errors[0].message", containsString("NEGOTIATION"));
        move(leadId, Map.of("reason", "referral")).statusCode(400)
                .body("errors[0].field", equalTo("to"));
        move(leadId, Map.of("to", "CONTACTED", "note", "x".repeat(2001))).statusCode(400)
                .body("errors[0].field", equalTo("note"));

        assertNoMoveEvent(leadId);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldSkipAheadWithAReason() throws Exception {
        String leadId = openedFor("rep1");

        move(leadId, Map.of("to", "QUALIFIED", "reason", "referral")).statusCode(200)
                .body("stage", equalTo("QUALIFIED"));

        assertThat(moveEvent(leadId).path("reason").asText()).isEqualTo("referral");
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswerAnotherRepsLeadWith404() {
        String leadId = openedFor("rep1");

        given().get("/api/leads/" + leadId + "/stage").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
        move(leadId, Map.of("to", "CONTACTED")).statusCode(404)
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));

        assertNoMoveEvent(leadId);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldAnswerAnUnknownLeadWith404() {
        move(UUID.randomUUID().toString(), Map.of("to", "CONTACTED")).statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldLetAManagerMakeAnyRepsLeadACustomerEarly() throws Exception {
        String leadId = openedFor("rep1");

        move(leadId, Map.of("to", "CUSTOMER", "reason", "contract-signed")).statusCode(200)
                .body("stage", equalTo("CUSTOMER"))
                .body("owner", equalTo("rep1"));

        JsonNode event = moveEvent(leadId);
        assertThat(event.path("to").asText()).isEqualTo("CUSTOMER");
        assertThat(event.path("owner").asText()).isEqualTo("rep1");
        assertThat(event.path("changedBy").asText()).isEqualTo("manager1");
        assertThat(event.path("reason").asText()).isEqualTo("contract-signed");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldLetAnAdminReopenAnUnqualifiedLead() {
        String leadId = openedFor("rep1");
        move(leadId, Map.of("to", "UNQUALIFIED", "reason", "wrong-timing")).statusCode(200);

        move(leadId, Map.of("to", "CONTACTED", "reason", "new-need")).statusCode(200)
                .body("stage", equalTo("CONTACTED"));

        await().atMost(Duration.ofSeconds(10)).until(() -> stageEventsFor(leadId).size() == 3);
        assertThat(history(leadId)).extracting(row -> row.getString("to_stage"))
                .containsExactly("OPEN", "UNQUALIFIED", "CONTACTED");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldTakeTheLeadFromItsRepWhenItIsSharedWithAPartner() {
        String leadId = openedFor("rep1");
        given().get("/api/leads/" + leadId + "/stage").then().statusCode(200);

        distributionEvents.send(TestEvents.event(SHARED, leadId, shared(leadId)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + leadId + "/stage")
                .then().statusCode(404));
        move(leadId, Map.of("to", "CONTACTED")).statusCode(404);
        assertThat(ownerOf(leadId)).isNull();
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldShowAManagerASharedLeadWithoutOwnerAndItsStage() {
        String leadId = openedFor("rep1");

        distributionEvents.send(TestEvents.event(SHARED, leadId, shared(leadId)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + leadId + "/stage")
                .then().statusCode(200).body("owner", nullValue()));
        given().get("/api/leads/" + leadId + "/stage").then().body("stage", equalTo("OPEN"));
        assertThat(stageEventsFor(leadId)).as("a share is not a stage change").hasSize(1);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldIgnoreAShareOfALeadNurtureDoesNotKnow() {
        String leadId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(SHARED, leadId, shared(leadId)));
        openedFor("rep9");

        given().get("/api/leads/" + leadId + "/stage").then().statusCode(404);
    }

    private static String shared(String leadId) {
        return """
                {"leadId":"%s","shareId":"%s","partnerId":"acme","fields":["products","country"],"rule":null,
                 "sharedBy":"manager1","sharedAt":"2026-11-23T10:00:05Z","deadline":"2026-11-25T10:00:05Z"}"""
                .formatted(leadId, UUID.randomUUID());
    }

    private String ownerOf(String leadId) {
        return pool.preparedQuery("select owner from lead_stage where lead_id = $1")
                .execute(Tuple.of(UUID.fromString(leadId))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString("owner");
    }

    private List<? extends Message<String>> stageEventsFor(String leadId) {
        return new NurtureLeads(connector, pool).eventsFor(leadId);
    }
}
