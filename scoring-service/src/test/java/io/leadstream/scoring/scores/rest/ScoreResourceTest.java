package io.leadstream.scoring.scores.rest;

import static io.leadstream.scoring.ScoringFixture.WAIT;
import static io.leadstream.scoring.ScoringFixture.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.OpenApiContract;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.scoring.ScoringFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** Who may read which score: a rep only the leads assigned to them (learned from distribution's lead.assigned). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ScoreResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    ScoringFixture events;

    @BeforeEach
    void channels() {
        events = new ScoringFixture(connector);
    }

    private String leadAssignedTo(String rep) {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.awaitScored(leadId, 1);
        events.assign(leadId, rep);
        await().atMost(WAIT).until(() -> count("select count(*) from lead_profile where lead_id = ? and owner = ?",
                UUID.fromString(leadId), rep) == 1);
        return leadId;
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLetARepReadTheScoreAndHistoryOfTheirOwnLead() {
        String leadId = leadAssignedTo("rep1");
        given().get("/api/scores/" + leadId).then().statusCode(200).body("leadId", equalTo(leadId));
        given().get("/api/scores/" + leadId + "/history").then().statusCode(200).body("leadId", equalTo(leadId));
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswer404ToARepAskingForAnotherRepsLead() {
        String leadId = leadAssignedTo("rep1");
        given().get("/api/scores/" + leadId).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/scores/" + leadId + "/history").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswer404ToARepAskingForAnUnassignedLead() {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.awaitScored(leadId, 1);
        given().get("/api/scores/" + leadId).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "shop", roles = "integration")
    void shouldLetIntegrationsReadEveryScore() {
        String leadId = leadAssignedTo("rep1");
        given().get("/api/scores/" + leadId).then().statusCode(200);
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
    void shouldServeTheCommittedOpenApiDocument() {
        assertThat(OpenApiContract.assertServedDocumentMatchesCommitted("scoring-service"))
                .contains("/api/scores/{leadId}/history");
    }
}
