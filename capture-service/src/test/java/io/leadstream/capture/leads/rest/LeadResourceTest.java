package io.leadstream.capture.leads.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

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

import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.intake.LeadCaptured;
import io.leadstream.capture.testing.Assignments;
import io.leadstream.capture.testing.EventsWithPersonalData;
import io.leadstream.capture.testing.LeadRows;
import io.leadstream.capture.testing.PartnerFixtures;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.OpenApiContract;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class LeadResourceTest {

    /** Ada with an email and phone of her own per test: a second post of the same would be merged (200). */
    private String tag;
    private String nationalPhone;
    private String ada;

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    LeadRows rows;
    @Inject
    Assignments assignments;
    @Inject
    PartnerFixtures others;

    InMemorySink<String> outbox;

    @BeforeEach
    void clearSink() {
        outbox = connector.sink("outbox");
        outbox.clear();
        tag = UUID.randomUUID().toString().replace("-", "");
        nationalPhone = LeadDeduplicationTest.londonNumber();
        ada = """
                {"firstName":" Ada ","lastName":"Lovelace","email":" Ada+%s@Example.COM ","phone":"+44 %s",
                 "company":"Analytical Engines Ltd","source":"web","score":99,"owner":"rep1"}"""
                .formatted(tag.toUpperCase(), nationalPhone.substring(1));
    }

    private String adaEmail() {
        return "ada+" + tag + "@example.com";
    }

    private String adaPhone() {
        return "+44" + nationalPhone.substring(1).replace(" ", "");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldCaptureANormalisedLeadAndAnswer201WithLocation() {
        String location = given().contentType("application/json").body(ada).post("/api/leads")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("email", equalTo(adaEmail()))
                .body("phone", equalTo(adaPhone()))
                .body("firstName", equalTo("Ada"))
                .extract().header("Location");

        given().get(location).then().statusCode(200)
                .body("email", equalTo(adaEmail()))
                .body("company", equalTo("Analytical Engines Ltd"))
                .body("source", equalTo("web"))
                .body("merges", equalTo(0));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldShowTheLeadWithItsCurrentConsentAndMergeHistory() {
        String email = "history." + UUID.randomUUID() + "@example.com";
        String id = given().contentType("application/json")
                .body("{\"firstName\":\"Mary\",\"lastName\":\"Somerville\",\"email\":\"" + email + "\",\"source\":\"web\"}")
                .post("/api/leads").then().statusCode(201).extract().path("id");
        given().contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED",
                 "proof":{"method":"web-form","textVersion":"v1","source":"contact-form","address":"%s"}}"""
                .formatted(email)).post("/api/leads/" + id + "/consents").then().statusCode(201);
        given().contentType("application/json")
                .body("{\"firstName\":\"Mary\",\"lastName\":\"Somerville\",\"email\":\"" + email
                        + "\",\"company\":\"Royal Society\",\"source\":\"api\"}")
                .post("/api/leads").then().statusCode(200);

        given().get("/api/leads/" + id).then().statusCode(200)
                .body("consent[0].purpose", equalTo("marketing"))
                .body("consent[0].channel", equalTo("email"))
                .body("consent[0].status", equalTo("GRANTED"))
                .body("mergeHistory[0].kind", equalTo("SUBMISSION"))
                .body("mergeHistory[0].source", equalTo("api"))
                .body("mergeHistory[0].filledFields", hasItem("company"))
                .body("merges", equalTo(1));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldAnnounceLeadCapturedWithoutPersonalData() throws Exception {
        String id = given().contentType("application/json").body(ada).post("/api/leads")
                .then().statusCode(201).extract().path("id");

        Message<String> event = await().atMost(Duration.ofSeconds(10)).until(
                () -> outbox.received().stream().filter(m -> m.getPayload().contains(id)).findFirst().orElse(null),
                m -> m != null);

        CloudEventMetadata<?> ce = TestEvents.cloudEvent(event);
        assertThat(ce.getType()).isEqualTo("leadstream.lead.captured.v1");
        assertThat(ce.getSubject()).contains(id);
        assertThat(ce.getSource().toString()).isEqualTo("/capture-service");

        String payload = event.getPayload();
        assertThat(payload).doesNotContainIgnoringCase(adaEmail()).doesNotContain(adaPhone().substring(1))
                .doesNotContain(adaPhone().substring(3)).doesNotContain("Lovelace").doesNotContain("\"Ada\"");
        JsonNode json = mapper.readTree(payload);
        assertThat(json.path("leadId").asText()).isEqualTo(id);
        assertThat(json.path("quality").path("phoneValid").asBoolean()).isTrue();
        PublishedEvents.assertValid(LeadCaptured.class, json);
    }

    @Test
    void shouldRejectPersonalDataInLeadCapturedBySchema() throws Exception {
        PublishedEvents.assertRefused(EventsWithPersonalData.LeadCapturedWithEmail.class, "email");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldNeverStoreScoreOrOwnerSentByTheCaller() {
        given().contentType("application/json").body(ada).post("/api/leads")
                .then().statusCode(201)
                .body("score", equalTo(null))
                .body("owner", equalTo(null));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldNameEachInvalidField() {
        given().contentType("application/json")
                .body("{\"firstName\":\"\",\"lastName\":\"L\",\"email\":\"x@y.io\",\"source\":\"web\"}")
                .post("/api/leads")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("firstName"));

        given().contentType("application/json")
                .body("{\"firstName\":\"A\",\"lastName\":\"L\",\"phone\":\"12\",\"source\":\"web\"}")
                .post("/api/leads")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("phone"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNameTheRepWhoCapturedALeadInTheLeadItsViewAndLeadCaptured() throws Exception {
        // a rep met Ada at a trade fair and enters her; a capturedBy in the body is not the caller's to set
        String body = ada.replace("\"owner\":\"rep1\"", "\"owner\":\"rep1\",\"capturedBy\":\"rep2\"");
        String id = given().contentType("application/json").body(body).post("/api/leads")
                .then().statusCode(201)
                .body("capturedBy", equalTo("rep1"))
                .extract().path("id");

        assertThat(rows.column(id, "captured_by")).isEqualTo("rep1");
        List<JsonNode> captured = rows.events(id, "lead.captured");
        assertThat(captured).hasSize(1);
        assertThat(PublishedEvents.assertValid(LeadCaptured.class, captured.get(0)).capturedBy()).isEqualTo("rep1");
        Message<String> relayed = await().atMost(Duration.ofSeconds(10)).until(
                () -> outbox.received().stream().filter(m -> m.getPayload().contains(id)).findFirst().orElse(null),
                m -> m != null);
        assertThat(mapper.readTree(relayed.getPayload()).path("capturedBy").asText()).isEqualTo("rep1");

        // GET /api/leads/{id} shows it too, to the rep once the lead is assigned to them (distribution's OWNER)
        assignments.assign(id, "rep1", Instant.now().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/leads/" + id).statusCode() == 200);
        given().get("/api/leads/" + id).then().statusCode(200).body("capturedBy", equalTo("rep1"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldKeepWhoCapturedALeadWhenAnotherCallersSubmissionIsMergedIntoIt() throws Exception {
        String id = mapper.readTree(others.asApp(ada).body()).path("id").asText();
        assertThat(rows.column(id, "captured_by")).isEqualTo("crm-app");

        given().contentType("application/json").body(ada).post("/api/leads").then().statusCode(200);

        assertThat(rows.events(id, "lead.merged")).hasSize(1);
        assertThat(rows.column(id, "captured_by")).isEqualTo("crm-app");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldAnswerAnUnknownLeadWith404Problem() {
        given().get("/api/leads/6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().contentType("application/json").body(ada).post("/api/leads")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void shouldServeTheCommittedOpenApiDocument() {
        String served = OpenApiContract.assertServedDocumentMatchesCommitted("capture-service");
        assertThat(served).contains("/api/leads/{id}");
    }

    @Test
    void shouldReportReadyWithItsDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
