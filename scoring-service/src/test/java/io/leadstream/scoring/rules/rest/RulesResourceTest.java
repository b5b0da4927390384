package io.leadstream.scoring.rules.rest;

import static io.leadstream.scoring.ScoringFixture.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.scoring.ScoringFixture;
import io.leadstream.scoring.engine.RuleSet;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * The rules as versioned configuration. Its own profile (and so its own database): the rule versions stored here
 * must not change the scores other test classes expect.
 */
@QuarkusTest
@TestProfile(RulesResourceTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestSecurity(user = "admin", roles = "lead-admin")
class RulesResourceTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadstream.scoring.jobs.every", "1s", "leadstream.scoring.jobs.batch-size", "2");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class));
        }
    }

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;

    ScoringFixture events;

    @BeforeEach
    void channels() {
        events = new ScoringFixture(connector);
    }

    /** The defaults plus a fit rule rewarding interest in solar panels. */
    ObjectNode withSolarRule() {
        ObjectNode rules = mapper.valueToTree(RuleSet.defaults());
        ((ArrayNode) rules.get("fit")).addObject().put("code", "PRODUCT_SOLAR").put("points", 30)
                .put("detail", "interested in solar panels, our best seller")
                .putObject("when").put("field", "products").put("op", "CONTAINS").put("value", "solar");
        return rules;
    }

    String lead(String product) {
        String leadId = UUID.randomUUID().toString();
        events.capture("lead.captured", leadId, ScoringFixture.captured(leadId, null).replace("heat-pumps", product));
        events.awaitScored(leadId, 1);
        return leadId;
    }

    @Test
    @Order(1)
    void shouldServeTheBuiltInDefaultsAsVersionOne() {
        given().get("/api/scoring/rules").then().statusCode(200)
                .body("version", equalTo(1)).body("createdBy", equalTo("leadstream (built-in default)"))
                .body("rules.qualificationThreshold", equalTo(60))
                .body("rules.engagement.halfLifeDays", equalTo(30))
                .body("rules.grades.a", equalTo(75))
                .body("rules.fit.code", hasItem("DECISION_MAKER"));
    }

    @Test
    @Order(2)
    void shouldRefuseInvalidRulesNamingEachFieldAndStoreNothing() {
        ObjectNode rules = withSolarRule();
        ObjectNode bad = (ObjectNode) rules.get("fit").get(6);
        ((ObjectNode) bad.get("when")).put("op", "AT_LEAST");
        rules.put("qualificationThreshold", 0);
        ((ObjectNode) rules.get("grades")).put("b", 90);
        given().contentType(ContentType.JSON).body(rules).put("/api/scoring/rules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/invalid-scoring-rules"))
                .body("errors.field", containsInAnyOrder("fit[6].when.op", "fit[6].when.op", "fit[6].when.value",
                        "grades", "qualificationThreshold"));
        given().get("/api/scoring/rules").then().body("version", equalTo(1));
    }

    @Test
    @Order(3)
    void shouldSimulateADraftWithoutStoringOrAnnouncingAnything() {
        String solar = lead("solar");
        String heat = lead("heat-pumps");
        int announced = events.outbox.received().size();

        given().contentType(ContentType.JSON).body(withSolarRule()).queryParam("sample", 100)
                .post("/api/scoring/rules/simulate").then().statusCode(200)
                .body("leads", greaterThanOrEqualTo(2))
                .body("changes.find { it.leadId == '%s' }.gradeNow".formatted(solar), equalTo("B"))
                .body("changes.find { it.leadId == '%s' }.scoreUnderDraft".formatted(solar), equalTo(83))
                .body("changes.find { it.leadId == '%s' }.gradeUnderDraft".formatted(solar), equalTo("A"))
                .body("changes.leadId", org.hamcrest.Matchers.not(hasItem(heat)))
                .body("gradesUnderDraft.A", greaterThanOrEqualTo(1));

        given().get("/api/scores/" + solar).then().body("score", equalTo(53));
        assertThat(events.outbox.received()).hasSize(announced);
        given().contentType(ContentType.JSON).body(withSolarRule()).queryParam("sample", 0)
                .post("/api/scoring/rules/simulate").then().statusCode(400).body("errors.field", hasItem("sample"));
    }

    @Test
    @Order(4)
    void shouldStoreANewVersionAndRescoreEveryLeadInTheBackground() {
        String solar = lead("solar");
        lead("heat-pumps");
        lead("heat-pumps");

        String job = given().contentType(ContentType.JSON).body(withSolarRule()).put("/api/scoring/rules").then()
                .statusCode(200)
                .body("stored.version", equalTo(2)).body("stored.createdBy", equalTo("admin"))
                .body("job.reason", equalTo("rules-v2")).body("job.state", equalTo("RUNNING"))
                .extract().path("job.href");

        await().atMost(WAIT).untilAsserted(() -> given().get(job).then().statusCode(200)
                .body("state", equalTo("DONE")).body("percent", equalTo(100)));
        given().get(job).then().body("changed", greaterThanOrEqualTo(2)).body("done", greaterThanOrEqualTo(5));

        given().get("/api/scores/" + solar).then().statusCode(200)
                .body("score", equalTo(83)).body("grade", equalTo("A"))
                .body("rulesVersion", equalTo(2)).body("modelVersion", equalTo("rules-v2"))
                .body("trigger", equalTo("rules-v2"))
                .body("reasons.find { it.code == 'PRODUCT_SOLAR' }.detail",
                        equalTo("interested in solar panels, our best seller"));
        assertThat(events.scored(solar)).hasSize(2);

        given().get("/api/scoring/rules").then().body("version", equalTo(2));
        given().get("/api/scoring/rules?version=1").then().body("version", equalTo(1));
        given().get("/api/scoring/rules/versions").then().body("version", hasItems(2, 1));
        given().get("/api/scoring/rules?version=9").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @Order(5)
    void shouldAnswer404ForAnUnknownJob() {
        given().get("/api/scoring/rules/jobs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetManagersReadButNotChangeTheRules() {
        given().get("/api/scoring/rules").then().statusCode(200);
        given().contentType(ContentType.JSON).body(withSolarRule()).put("/api/scoring/rules").then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(withSolarRule()).post("/api/scoring/rules/simulate").then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNotShowTheRulesToReps() {
        given().get("/api/scoring/rules").then().statusCode(403);
    }
}
