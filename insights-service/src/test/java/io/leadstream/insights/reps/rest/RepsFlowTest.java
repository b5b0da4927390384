package io.leadstream.insights.reps.rest;

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

/** GET /api/insights/reps over leads fed in as events, on days of 2036 (which no other test asks about). */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class RepsFlowTest extends EventFedTest {

    private String assignedLead(String at, String rep) {
        String lead = UUID.randomUUID().toString();
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"web","capturedAt":"%s","quality":{}}""".formatted(lead, at)));
        distribution.send(TestEvents.event("leadstream.lead.assigned.v1", lead, """
                {"leadId":"%s","repId":"%s","strategy":"ROUND_ROBIN","reason":"r","score":70,"grade":"B",
                 "assignedAt":"%s"}""".formatted(lead, rep, at)));
        return lead;
    }

    private void stage(String lead, String to, String at) {
        nurture.send(TestEvents.event("leadstream.lead.stage-changed.v1", lead, """
                {"leadId":"%s","from":null,"to":"%s","owner":"x","reason":"r","changedAt":"%s"}"""
                .formatted(lead, to, at)));
    }

    @Test
    void shouldShowEachRepsFigures() {
        String ada = "ada-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        String won = assignedLead("2036-01-05T09:00:00Z", ada);
        stage(won, "CONTACTED", "2036-01-05T09:10:00Z");
        stage(won, "CUSTOMER", "2036-02-01T09:00:00Z");
        nurture.send(TestEvents.event("leadstream.activity.logged.v1", won, """
                {"activityId":"%s","leadId":"%s","kind":"CALL","direction":"OUTBOUND","source":"REP","loggedBy":"%s",
                 "occurredAt":"2036-01-05T09:10:00Z"}""".formatted(UUID.randomUUID(), won, ada)));
        String late = assignedLead("2036-01-05T09:30:00Z", ada);
        nurture.send(TestEvents.event("leadstream.message.sent.v1", late, """
                {"messageId":"%s","leadId":"%s","channel":"EMAIL","sentBy":"%s","sentAt":"2036-01-05T10:00:00Z"}"""
                .formatted(UUID.randomUUID(), late, ada)));
        distribution.send(TestEvents.event("leadstream.sla.breached.v1", late, """
                {"leadId":"%s","repId":"%s","kind":"FIRST_TOUCH","step":"REMIND","policy":"default",
                 "startedAt":"2036-01-05T09:30:00Z","deadline":"2036-01-05T09:45:00Z","dueAt":"2036-01-05T09:45:00Z",
                 "breachedAt":"2036-01-05T09:45:01Z"}""".formatted(late, ada)));
        assignedLead("2036-01-05T10:00:00Z", bob);

        String query = "/api/insights/reps?from=2036-01-05&to=2036-01-06";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(query).then().statusCode(200)
                .body("reps.repId", equalTo(List.of(ada, bob))).body("reps[0].won", equalTo(1))
                .body("reps[0].medianSecondsToFirstTouch", equalTo(1200)).body("reps[0].slaHitRate", equalTo(0.5f)));

        JsonPath reps = given().get(query).then().extract().jsonPath();
        assertThat(reps.getInt("reps[0].assigned")).isEqualTo(2);
        assertThat(reps.getInt("reps[0].contacted")).isEqualTo(1);
        assertThat(reps.getInt("reps[1].assigned")).isEqualTo(1);
        assertThat(reps.getInt("reps[1].contacted")).isZero();
        assertThat(reps.getString("reps[1].medianSecondsToFirstTouch")).isNull();
        assertThat(reps.getDouble("reps[1].slaHitRate")).isEqualTo(1.0);
        assertThat(reps.getInt("reps[1].won")).isZero();

        String csv = given().accept("text/csv").get(query).then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("repId,assigned,contacted,medianSecondsToFirstTouch,slaHitRate,won",
                ada + ",2,1,1200,0.5,1", bob + ",1,0,,1.0,0");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseReps() {
        given().get("/api/insights/reps").then().statusCode(403);
    }
}
