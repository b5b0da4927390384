package io.leadstream.nurture.stages.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.time.Duration;
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
import io.leadstream.chassis.testing.OpenApiContract;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.lifecycle.DistributionEventsConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class StageFlowTest {

    static final String ASSIGNED = "leadstream.lead.assigned.v1";
    static final String REASSIGNED = "leadstream.lead.reassigned.v1";
    static final String QUEUED = "leadstream.lead.queued.v1";
    static final String CLAIMED = "leadstream.lead.claimed.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    DistributionEventsConsumer consumer;
    @Inject
    Pool pool;

    InMemorySource<Message<String>> distributionEvents;
    InMemorySink<String> outbox;

    @BeforeEach
    void channels() {
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        outbox = connector.sink("outbox");
    }

    private static String assigned(String leadId, String repId) {
        return """
                {"leadId":"%s","repId":"%s","strategy":"ROUND_ROBIN","reason":"rule 'web leads'","score":70,
                 "grade":"B","assignedAt":"2026-11-22T10:00:05Z","somethingNew":"ignored"}""".formatted(leadId, repId);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldOpenAnAssignedLeadAndAnnounceTheStageChange() throws Exception {
        String leadId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, leadId, assigned(leadId, "rep1")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + leadId + "/stage")
                .then().statusCode(200));
        given().get("/api/leads/" + leadId + "/stage").then()
                .body("leadId", equalTo(leadId))
                .body("stage", equalTo("OPEN"))
                .body("owner", equalTo("rep1"))
                .body("since", equalTo("2026-11-22T10:00:05Z"));

        List<? extends Message<String>> changed = await().atMost(Duration.ofSeconds(10))
                .until(() -> stageEventsFor(leadId), list -> !list.isEmpty());
        assertThat(changed).hasSize(1);
        var ce = TestEvents.cloudEvent(changed.get(0));
        assertThat(ce.getType()).isEqualTo("leadstream.lead.stage-changed.v1");
        assertThat(ce.getSubject()).contains(leadId);
        JsonNode payload = mapper.readTree(changed.get(0).getPayload());
        assertThat(payload.path("from").isNull()).isTrue();
        assertThat(payload.path("to").asText()).isEqualTo("OPEN");
        assertThat(payload.path("owner").asText()).isEqualTo("rep1");
        assertThat(payload.path("reason").asText()).isEqualTo("assigned to rep1");
        try (InputStream schema = getClass().getResourceAsStream("/events/lead.stage-changed.v1.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(payload)).isEmpty();
        }
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldChangeOnlyTheOwnerWhenAnOpenLeadIsReassigned() {
        String leadId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, leadId, assigned(leadId, "rep1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(leadId).isEmpty());

        distributionEvents.send(TestEvents.event(ASSIGNED, leadId, assigned(leadId, "rep2")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + leadId + "/stage")
                .then().statusCode(200).body("owner", equalTo("rep2")));
        given().get("/api/leads/" + leadId + "/stage").then().body("stage", equalTo("OPEN"));
        // the outbox relays in commit order: once a later lead's event is out, a second one for this lead would be too
        String marker = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, marker, assigned(marker, "rep1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(marker).isEmpty());
        assertThat(stageEventsFor(leadId)).hasSize(1);
    }

    private static String reassigned(String leadId, String previousRepId, String repId) {
        return """
                {"leadId":"%s","repId":"%s","previousRepId":"%s","strategy":"MANUAL","rule":null,"ruleVersion":null,
                 "target":"rep:%s","reason":"on leave from Monday","trigger":"MANUAL","actor":"manager","score":70,
                 "grade":"B","reassignedAt":"2026-11-23T08:30:00Z","somethingNew":"ignored"}"""
                .formatted(leadId, repId, previousRepId, repId);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldChangeOnlyTheOwnerAndKeepTheStageWhenALeadIsReassigned() {
        String leadId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, leadId, assigned(leadId, "rep1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(leadId).isEmpty());
        // the lead has moved on in the pipeline since (set directly here; the moves themselves are StageMovesTest's)
        pool.preparedQuery("update lead_stage set stage = 'NEGOTIATION', stage_since = '2026-11-22T16:00:00Z' "
                + "where lead_id = $1").execute(Tuple.of(UUID.fromString(leadId))).await().atMost(Duration.ofSeconds(10));

        distributionEvents.send(TestEvents.event(REASSIGNED, leadId, reassigned(leadId, "rep1", "rep2")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + leadId + "/stage")
                .then().statusCode(200).body("owner", equalTo("rep2")));
        given().get("/api/leads/" + leadId + "/stage").then()
                .body("stage", equalTo("NEGOTIATION"))
                .body("since", equalTo("2026-11-22T16:00:00Z"));
        // the outbox relays in commit order: once a later lead's event is out, a second one for this lead would be too
        String marker = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, marker, assigned(marker, "rep1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(marker).isEmpty());
        assertThat(stageEventsFor(leadId)).as("a reassignment is not a stage change").hasSize(1);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldOpenALeadItFirstHearsOfThroughAReassignment() {
        String leadId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(REASSIGNED, leadId, reassigned(leadId, "rep1", "rep2")));

        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(leadId).isEmpty());
        given().get("/api/leads/" + leadId + "/stage").then().statusCode(200)
                .body("stage", equalTo("OPEN"))
                .body("owner", equalTo("rep2"))
                .body("since", equalTo("2026-11-23T08:30:00Z"));
        assertThat(stageEventsFor(leadId)).hasSize(1);
    }

    private static String queued(String leadId) {
        return """
                {"leadId":"%s","queue":"inbound-smb","rule":"smb-pull","ruleVersion":5,"reason":"rule smb-pull",
                 "score":58,"grade":"C","queuedAt":"2026-11-22T10:00:05Z"}""".formatted(leadId);
    }

    private static String claimed(String leadId, String repId) {
        return """
                {"leadId":"%s","repId":"%s","queue":"inbound-smb","score":58,"grade":"C",
                 "queuedAt":"2026-11-22T10:00:05Z","claimedAt":"2026-11-22T10:04:31Z","somethingNew":"ignored"}"""
                .formatted(leadId, repId);
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldOpenAClaimedLeadAtOpenOwnedByTheRepWhoClaimedIt() throws Exception {
        String leadId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(QUEUED, leadId, queued(leadId)));
        // events of one channel are applied in order: once a later lead's stage change is out, the queueing was seen
        String marker = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, marker, assigned(marker, "rep1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(marker).isEmpty());
        given().get("/api/leads/" + leadId + "/stage").then().statusCode(404);
        assertThat(stageEventsFor(leadId)).as("a queued lead is not in the pipeline").isEmpty();

        distributionEvents.send(TestEvents.event(CLAIMED, leadId, claimed(leadId, "rep2")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + leadId + "/stage")
                .then().statusCode(200));
        given().get("/api/leads/" + leadId + "/stage").then()
                .body("stage", equalTo("OPEN"))
                .body("owner", equalTo("rep2"))
                .body("since", equalTo("2026-11-22T10:04:31Z"));
        List<? extends Message<String>> changed = await().atMost(Duration.ofSeconds(10))
                .until(() -> stageEventsFor(leadId), list -> !list.isEmpty());
        assertThat(changed).hasSize(1);
        JsonNode payload = mapper.readTree(changed.get(0).getPayload());
        assertThat(payload.path("from").isNull()).isTrue();
        assertThat(payload.path("to").asText()).isEqualTo("OPEN");
        assertThat(payload.path("owner").asText()).isEqualTo("rep2");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldApplyARedeliveredEventOnlyOnce() {
        String leadId = UUID.randomUUID().toString();
        String ceId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ceId, ASSIGNED, leadId, assigned(leadId, "rep1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(leadId).isEmpty());

        // the same ce_id again, even with other data, has no effect
        distributionEvents.send(TestEvents.event(ceId, ASSIGNED, leadId, assigned(leadId, "rep2")));
        // a later, different event proves the redelivery has been processed (partition order)
        String otherLead = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, otherLead, assigned(otherLead, "rep3")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(otherLead).isEmpty());

        given().get("/api/leads/" + leadId + "/stage").then().statusCode(200).body("owner", equalTo("rep1"));
        assertThat(stageEventsFor(leadId)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldKeepAQueuedLeadOutOfThePipeline() {
        String leadId = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event("leadstream.lead.queued.v1", leadId, "{\"leadId\":\"" + leadId + "\"}"));
        String marker = UUID.randomUUID().toString();
        distributionEvents.send(TestEvents.event(ASSIGNED, marker, assigned(marker, "rep1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stageEventsFor(marker).isEmpty());

        given().get("/api/leads/" + leadId + "/stage").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
        assertThat(stageEventsFor(leadId)).isEmpty();
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().get("/api/leads/" + UUID.randomUUID() + "/stage").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "acme", roles = "partner")
    void shouldRefusePartnersWith403Problem() {
        given().get("/api/leads/" + UUID.randomUUID() + "/stage").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldHandleOrIgnoreEveryEventDistributionPublishes() {
        EventContracts.assertCovers(consumer.handlers(), "distribution-service");
    }

    @Test
    void shouldServeTheCommittedOpenApiDocument() {
        assertThat(OpenApiContract.assertServedDocumentMatchesCommitted("nurture-service"))
                .contains("/api/leads/{leadId}/stage");
    }

    private List<? extends Message<String>> stageEventsFor(String leadId) {
        return outbox.received().stream()
                .filter(m -> leadId.equals(TestEvents.cloudEvent(m).getSubject().orElse(null)))
                .toList();
    }
}
