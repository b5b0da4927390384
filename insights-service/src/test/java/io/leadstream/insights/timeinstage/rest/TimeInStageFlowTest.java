package io.leadstream.insights.timeinstage.rest;

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
 * GET /api/insights/time-in-stage over stage changes fed in as events (in March 2034, which no other test asks about):
 * from entering a stage to entering the next, the stage a lead is still in not counted, entries before the range left
 * out, a merged lead left out, medians and 90th percentiles, the asker's time zone, CSV and the problems.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class TimeInStageFlowTest extends EventFedTest {

    static final String WEEK = "from=2034-03-01&to=2034-03-08";

    /** A lead that entered each stage at each time ({@code "OPEN@2034-03-01T10:00:00Z"}), sent in reverse order. */
    private String lead(String... entries) {
        String lead = UUID.randomUUID().toString();
        for (int i = entries.length - 1; i >= 0; i--) {
            String[] entry = entries[i].split("@");
            String from = i == 0 ? "null" : "\"" + entries[i - 1].split("@")[0] + "\"";
            nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                    {"leadId":"%s","from":%s,"to":"%s","owner":"rep1","reason":"r","changedAt":"%s"}"""
                    .formatted(lead, from, entry[0], entry[1])));
        }
        return lead;
    }

    private static JsonPath times(String query) {
        return given().get("/api/insights/time-in-stage?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldMeasureFromEnteringAStageToEnteringTheNext() {
        lead("OPEN@2034-03-01T10:00:00Z", "CONTACTED@2034-03-01T12:00:00Z", "NURTURING@2034-03-02T12:00:00Z",
                "CUSTOMER@2034-03-03T12:00:00Z");
        lead("OPEN@2034-03-01T10:00:00Z", "CONTACTED@2034-03-01T11:00:00Z", "UNQUALIFIED@2034-03-01T13:00:00Z");
        lead("OPEN@2034-03-02T00:00:00Z", "CONTACTED@2034-03-02T04:00:00Z");
        // opened before the range: its OPEN is not counted, its CONTACTED is
        lead("OPEN@2034-02-28T10:00:00Z", "CONTACTED@2034-03-01T10:00:00Z", "NURTURING@2034-03-01T10:30:00Z");
        String survivor = lead("OPEN@2034-03-01T09:00:00Z");
        String merged = lead("OPEN@2034-03-01T10:00:00Z", "CONTACTED@2034-03-01T10:01:00Z");
        await().atMost(Duration.ofSeconds(10)).until(() -> times(WEEK).getList("stages.durations", Integer.class)
                .equals(List.of(4, 3, 1, 0, 0, 0, 0, 0)));

        capture.send(TestEvents.event("leadstream.lead.merged.v1", survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2034-03-01T11:00:00Z"}""".formatted(survivor, merged)));
        await().atMost(Duration.ofSeconds(10)).until(() -> times(WEEK).getInt("stages[0].durations") == 3);

        JsonPath week = times(WEEK);
        assertThat(week.getString("from")).isEqualTo("2034-03-01T00:00:00Z");
        assertThat(week.getString("timeZone")).isEqualTo("UTC");
        assertThat(week.getList("stages.stage")).containsExactly("OPEN", "CONTACTED", "NURTURING", "QUALIFIED",
                "NEGOTIATION", "CUSTOMER", "INACTIVE", "UNQUALIFIED");
        // OPEN: 1 h, 2 h, 4 h; CONTACTED: 30 min, 2 h, 1 day (the third lead still is CONTACTED)
        assertThat(week.getList("stages.durations", Integer.class)).containsExactly(3, 3, 1, 0, 0, 0, 0, 0);
        assertThat(week.getList("stages.medianSeconds", Integer.class)).containsExactly(7200, 7200, 86400, null,
                null, null, null, null);
        // interpolated: 7200 + 0.8 × (14400 − 7200); 7200 + 0.8 × (86400 − 7200)
        assertThat(week.getList("stages.p90Seconds", Integer.class)).containsExactly(12960, 70560, 86400, null,
                null, null, null, null);

        String csv = given().accept("text/csv").get("/api/insights/time-in-stage?" + WEEK).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("stage,durations,medianSeconds,p90Seconds",
                "OPEN,3,7200,12960", "CONTACTED,3,7200,70560", "NURTURING,1,86400,86400", "QUALIFIED,0,,",
                "NEGOTIATION,0,,", "CUSTOMER,0,,", "INACTIVE,0,,", "UNQUALIFIED,0,,");

        // 2 March in Tokyo is 1 March 15:00 to 2 March 15:00 UTC: the third lead's OPEN, the first's NURTURING
        JsonPath tokyo = times("from=2034-03-02&to=2034-03-03&tz=Asia/Tokyo");
        assertThat(tokyo.getString("from")).isEqualTo("2034-03-01T15:00:00Z");
        assertThat(tokyo.getString("timeZone")).isEqualTo("Asia/Tokyo");
        assertThat(tokyo.getList("stages.durations", Integer.class)).containsExactly(1, 0, 1, 0, 0, 0, 0, 0);
        assertThat(tokyo.getList("stages.medianSeconds", Integer.class)).containsExactly(14400, null, 86400, null,
                null, null, null, null);
    }

    @Test
    void shouldNameEachBadParameter() {
        given().get("/api/insights/time-in-stage?tz=Mars/Olympus").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors[0].field", equalTo("tz"));
        given().get("/api/insights/time-in-stage?to=soon").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().get("/api/insights/time-in-stage?from=2034-01-02&to=2034-01-01").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/invalid-range"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseReps() {
        given().get("/api/insights/time-in-stage").then().statusCode(403).contentType("application/problem+json");
    }
}
