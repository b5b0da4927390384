package io.leadstream.scoring.scores.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.OpenApiContract;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.scoring.scores.CaptureEventsConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ScoreFlowTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    CaptureEventsConsumer consumer;

    InMemorySource<Message<String>> captureEvents;
    InMemorySink<String> outbox;

    @BeforeEach
    void channels() {
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        outbox = connector.sink("outbox");
    }

    private static String captured(String leadId) {
        return """
                {"leadId":"%s","source":"web","company":"Analytical Engines Ltd","country":"GB",
                 "capturedAt":"2026-11-22T10:00:00Z","somethingNew":"ignored",
                 "quality":{"emailValid":true,"emailDomainKind":"CORPORATE","phoneValid":true,
                            "phoneType":"MOBILE","hasCompany":true}}""".formatted(leadId);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldScoreACapturedLeadWithReasonsAndAnnounceIt() throws Exception {
        String leadId = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event("leadstream.lead.captured.v1", leadId, captured(leadId)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/scores/" + leadId)
                .then().statusCode(200));
        given().get("/api/scores/" + leadId).then()
                .body("score", equalTo(70)) // data quality 45 + fit 25 (web 15, business contact 10)
                .body("grade", equalTo("B"))
                .body("reasons.code", hasItem("EMAIL_CORPORATE"))
                .body("modelVersion", equalTo("rules-v1"))
                .body("trigger", equalTo("lead.captured"));

        List<? extends Message<String>> scored = await().atMost(Duration.ofSeconds(10))
                .until(() -> scoredEventsFor(leadId), list -> !list.isEmpty());
        var ce = TestEvents.cloudEvent(scored.get(0));
        assertThat(ce.getType()).isEqualTo("leadstream.lead.scored.v1");
        assertThat(ce.getSubject()).contains(leadId);
        try (InputStream schema = getClass().getResourceAsStream("/events/lead.scored.v1.json")) {
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(mapper.readTree(scored.get(0).getPayload()))).isEmpty();
        }
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldApplyARedeliveredEventOnlyOnce() {
        String leadId = UUID.randomUUID().toString();
        String ceId = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event(ceId, "leadstream.lead.captured.v1", leadId, captured(leadId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !scoredEventsFor(leadId).isEmpty());

        captureEvents.send(TestEvents.event(ceId, "leadstream.lead.captured.v1", leadId, captured(leadId)));
        // a later, different event proves the redelivery has been processed (partition order)
        String otherLead = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event("leadstream.lead.captured.v1", otherLead, captured(otherLead)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !scoredEventsFor(otherLead).isEmpty());

        assertThat(scoredEventsFor(leadId)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldIgnoreOtherCaptureEvents() {
        String leadId = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event("leadstream.lead.updated.v1", leadId, "{\"leadId\":\"" + leadId + "\"}"));
        String marker = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event("leadstream.lead.captured.v1", marker, captured(marker)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !scoredEventsFor(marker).isEmpty());

        given().get("/api/scores/" + leadId).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().get("/api/scores/" + UUID.randomUUID()).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "acme", roles = "partner")
    void shouldRefusePartnersWith403Problem() {
        given().get("/api/scores/" + UUID.randomUUID()).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldHandleOrIgnoreEveryEventCapturePublishes() {
        EventContracts.assertCovers(consumer.handlers(), "capture-service");
    }

    @Test
    void shouldServeTheCommittedOpenApiDocument() {
        assertThat(OpenApiContract.assertServedDocumentMatchesCommitted("scoring-service")).contains("/api/scores/{leadId}");
    }

    private List<? extends Message<String>> scoredEventsFor(String leadId) {
        return outbox.received().stream()
                .filter(m -> leadId.equals(TestEvents.cloudEvent(m).getSubject().orElse(null)))
                .toList();
    }
}
