package io.leadstream.insights.breakdowns.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.insights.EventFedTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/insights/sources and /scoring over leads fed in as events, each test on days of its own in 2035 (which no
 * other test asks about): every number checked, CSV, problems.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class BreakdownFlowTest extends EventFedTest {

    /** A lead captured at {@code at} from {@code source} and {@code campaign}, scored {@code score} (null: never). */
    private String lead(String at, String source, String campaign, Integer score, boolean qualified, String endsAt) {
        String lead = UUID.randomUUID().toString();
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"%s","campaign":%s,"capturedAt":"%s","quality":{}}"""
                .formatted(lead, source, campaign == null ? "null" : "\"" + campaign + "\"", at)));
        if (score != null) {
            scoring.send(TestEvents.event("leadstream.lead.scored.v1", lead, """
                    {"leadId":"%s","score":%d,"grade":"B","qualified":%s,"modelVersion":"rules-v1","scoredAt":"%s"}"""
                    .formatted(lead, score, qualified, at)));
        }
        if (endsAt != null) {
            nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                    {"leadId":"%s","from":"NEGOTIATION","to":"%s","owner":"rep1","reason":"r",
                     "changedAt":"2035-12-01T10:00:00Z"}""".formatted(lead, endsAt)));
        }
        return lead;
    }

    @Test
    void shouldShowConversionPerSourceAndCampaign() {
        lead("2035-03-01T10:00:00Z", "web", "spring", 85, true, "CUSTOMER");
        lead("2035-03-01T11:00:00Z", "web", "spring", 70, true, "UNQUALIFIED");
        lead("2035-03-01T12:00:00Z", "web", "spring", 30, false, null);
        lead("2035-03-01T13:00:00Z", "import", null, null, false, null);
        String query = "/api/insights/sources?from=2035-03-01&to=2035-03-02";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(query).then().statusCode(200)
                .body("sources.leads", equalTo(List.of(3, 1))).body("sources[0].won", equalTo(1))
                .body("sources[0].lost", equalTo(1)));

        JsonPath sources = given().get(query).then().extract().jsonPath();
        assertThat(sources.getString("sources[0].source")).isEqualTo("web");
        assertThat(sources.getString("sources[0].campaign")).isEqualTo("spring");
        assertThat(sources.getInt("sources[0].qualified")).isEqualTo(2);
        assertThat(sources.getDouble("sources[0].conversionRate")).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-6)); // JsonPath reads a float
        assertThat(sources.getString("sources[1].source")).isEqualTo("import");
        assertThat(sources.getString("sources[1].campaign")).isNull();
        assertThat(sources.getDouble("sources[1].conversionRate")).isZero();

        String csv = given().accept("text/csv").get(query).then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("source,campaign,leads,qualified,won,lost,conversionRate",
                "web,spring,3,2,1,1,0.3333333333333333", "import,,1,0,0,0,0.0");
    }

    @Test
    void shouldShowConversionPerScoreBand() {
        lead("2035-04-01T10:00:00Z", "web", null, 90, true, "CUSTOMER");
        lead("2035-04-01T10:01:00Z", "web", null, 82, true, null);
        lead("2035-04-01T10:02:00Z", "web", null, 45, false, "UNQUALIFIED");
        lead("2035-04-01T10:03:00Z", "web", null, null, false, null);
        String query = "/api/insights/scoring?from=2035-04-01&to=2035-04-02";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(query).then().statusCode(200)
                .body("bands.leads", equalTo(List.of(0, 0, 1, 0, 2))).body("bands[4].won", equalTo(1))
                .body("bands[2].lost", equalTo(1)).body("unscored.leads", equalTo(1)));

        JsonPath scoring = given().get(query).then().extract().jsonPath();
        assertThat(scoring.getList("bands.band")).containsExactly("0-19", "20-39", "40-59", "60-79", "80-100");
        assertThat(scoring.getDouble("bands[4].conversionRate")).isEqualTo(0.5);
        assertThat(scoring.getDouble("bands[2].conversionRate")).isZero();
        assertThat(scoring.getString("bands[0].conversionRate")).isNull();
        assertThat(scoring.getString("unscored.band")).isEqualTo("unscored");

        String csv = given().accept("text/csv").get(query).then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("band,leads,qualified,won,lost,conversionRate", "0-19,0,0,0,0,",
                "20-39,0,0,0,0,", "40-59,1,0,0,1,0.0", "60-79,0,0,0,0,", "80-100,2,2,1,0,0.5", "unscored,1,0,0,0,0.0");
    }

    @Test
    void shouldNameABadRange() {
        given().get("/api/insights/sources?from=2035-05-02&to=2035-05-01").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/invalid-range"));
        given().get("/api/insights/scoring?from=someday").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseReps() {
        given().get("/api/insights/sources").then().statusCode(403);
        given().get("/api/insights/scoring").then().statusCode(403);
    }
}
