package io.leadstream.insights.counts.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.insights.EventFedTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * GET /api/insights/leads over leads fed in as events, each test on days of its own (in 2032, which no other test
 * asks about): buckets on the asker's calendar with empty ones as zeros, per key, qualified counts, merged leads once,
 * CSV, and the problems.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class LeadCountsFlowTest extends EventFedTest {

    private static Message<String> assigned(String lead, String target, String at) {
        return TestEvents.event("leadstream.lead.assigned.v1", lead, """
                {"leadId":"%s","repId":"rep1","strategy":"ROUND_ROBIN","reason":"r","target":"%s","score":70,
                 "grade":"B","assignedAt":"%s"}""".formatted(lead, target, at));
    }

    private String captured(String at, String source, String... products) {
        String lead = UUID.randomUUID().toString();
        String list = products.length == 0 ? "null" : "[\"" + String.join("\",\"", products) + "\"]";
        capture.send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"%s","products":%s,"capturedAt":"%s","quality":{}}"""
                .formatted(lead, source, list, at)));
        return lead;
    }

    private void qualified(String lead, String at) {
        scoring.send(TestEvents.event("leadstream.lead.scored.v1", lead, """
                {"leadId":"%s","score":80,"grade":"A","qualified":true,"modelVersion":"rules-v1","scoredAt":"%s"}"""
                .formatted(lead, at)));
    }

    private static JsonPath counts(String query) {
        return given().get("/api/insights/leads?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static void awaitLeads(String query, int total) {
        await().atMost(Duration.ofSeconds(10)).until(() -> counts(query).getList("buckets.leads", Integer.class)
                .stream().mapToInt(Integer::intValue).sum() == total);
    }

    @Test
    void shouldCountPerDayOfTheAskersCalendarWithEmptyDaysAsZeros() {
        // 23:30 UTC on 1 March is 2 March in Berlin
        String late = captured("2032-03-01T23:30:00Z", "web");
        captured("2032-03-01T10:00:00Z", "web");
        captured("2032-03-04T10:00:00Z", "import");
        qualified(late, "2032-03-05T09:00:00Z");
        String query = "from=2032-03-01&to=2032-03-05&tz=Europe/Berlin";
        awaitLeads(query, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> counts(query).getInt("buckets[1].qualified") == 1);

        JsonPath days = counts(query);
        assertThat(days.getString("period")).isEqualTo("day");
        assertThat(days.getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(days.getString("from")).isEqualTo("2032-02-29T23:00:00Z");
        assertThat(days.getList("buckets.label")).containsExactly("2032-03-01", "2032-03-02", "2032-03-03",
                "2032-03-04");
        assertThat(days.getList("buckets.leads", Integer.class)).containsExactly(1, 1, 0, 1);
        assertThat(days.getList("buckets.qualified", Integer.class)).containsExactly(0, 1, 0, 0);
        // in UTC (the default, named as IANA names it) the late one is on 1 March
        JsonPath utc = counts("from=2032-03-01&to=2032-03-05");
        assertThat(utc.getString("timeZone")).isEqualTo("UTC");
        assertThat(utc.getList("buckets.leads", Integer.class)).containsExactly(2, 0, 0, 1);
    }

    @Test
    void shouldBreakDownByKeyCountingALeadOnceInTheTotal() {
        captured("2032-04-06T10:00:00Z", "web", "solar", "heat-pumps");
        captured("2032-04-07T10:00:00Z", "web", "solar");
        captured("2032-04-20T10:00:00Z", "import");
        String query = "from=2032-04-01&to=2032-05-01&period=week&groupBy=product";
        awaitLeads(query, 3);

        JsonPath weeks = counts(query);
        assertThat(weeks.getString("groupBy")).isEqualTo("product");
        assertThat(weeks.getList("keys")).containsExactly("heat-pumps", "solar", null);
        // ISO weeks: 1 April 2032 is a Thursday of week 14 (29 March to 4 April)
        assertThat(weeks.getList("buckets.label")).containsExactly("2032-W14", "2032-W15", "2032-W16", "2032-W17",
                "2032-W18");
        assertThat(weeks.getString("buckets[0].start")).isEqualTo("2032-03-29");
        // week 15 (5 to 11 April): two leads, one with two products
        assertThat(weeks.getInt("buckets[1].leads")).isEqualTo(2);
        assertThat(weeks.getList("buckets[1].groups.leads", Integer.class)).containsExactly(1, 2, 0);
        // week 17 (19 to 25 April): the lead without products
        assertThat(weeks.getList("buckets[3].groups.leads", Integer.class)).containsExactly(0, 0, 1);
        assertThat(weeks.getList("buckets[0].groups.leads", Integer.class)).containsExactly(0, 0, 0);
    }

    @Test
    void shouldCountAMergedLeadOnceAndGroupQuartersBySource() {
        String survivor = captured("2032-07-10T10:00:00Z", "web");
        String merged = captured("2032-08-10T10:00:00Z", "partner");
        captured("2032-12-31T22:00:00Z", "import");
        String query = "from=2032-07-01&to=2033-01-01&period=quarter&groupBy=source";
        awaitLeads(query, 3);

        capture.send(TestEvents.event("leadstream.lead.merged.v1", survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2032-08-11T10:00:00Z"}""".formatted(survivor, merged)));
        awaitLeads(query, 2);

        JsonPath quarters = counts(query);
        assertThat(quarters.getList("buckets.label")).containsExactly("2032-Q3", "2032-Q4");
        assertThat(quarters.getList("keys")).containsExactly("import", "web");
        assertThat(quarters.getList("buckets[0].groups.leads", Integer.class)).containsExactly(0, 1);
        assertThat(quarters.getList("buckets[1].groups.leads", Integer.class)).containsExactly(1, 0);
    }

    @Test
    void shouldGroupByTheTeamALeadWasLastRoutedToAndByScoreBand() {
        String emea = captured("2032-06-10T10:00:00Z", "web");
        String moved = captured("2032-06-10T11:00:00Z", "web");
        captured("2032-06-10T12:00:00Z", "web"); // never scored, never routed
        distribution.send(assigned(emea, "team:emea", "2032-06-10T10:01:00Z"));
        // moved: routed to emea, then to the dach team; a later reassignment straight to a rep names no team
        distribution.send(TestEvents.event("leadstream.lead.reassigned.v1", moved, """
                {"leadId":"%s","repId":"rep3","previousRepId":"rep2","strategy":"MANUAL","reason":"r","trigger":"MANUAL",
                 "target":"rep:rep3","reassignedAt":"2032-06-12T10:00:00Z"}""".formatted(moved)));
        distribution.send(TestEvents.event("leadstream.lead.reassigned.v1", moved, """
                {"leadId":"%s","repId":"rep2","previousRepId":"rep1","strategy":"ROUND_ROBIN","reason":"r",
                 "trigger":"SLA","target":"team:dach","reassignedAt":"2032-06-11T10:00:00Z"}""".formatted(moved)));
        distribution.send(assigned(moved, "team:emea", "2032-06-10T11:01:00Z"));
        scoring.send(TestEvents.event("leadstream.lead.scored.v1", emea, """
                {"leadId":"%s","score":85,"grade":"A","qualified":true,"modelVersion":"rules-v1",
                 "scoredAt":"2032-06-10T10:00:30Z"}""".formatted(emea)));
        scoring.send(TestEvents.event("leadstream.lead.scored.v1", moved, """
                {"leadId":"%s","score":20,"grade":"D","qualified":false,"modelVersion":"rules-v1",
                 "scoredAt":"2032-06-10T11:00:30Z"}""".formatted(moved)));
        String byTeam = "from=2032-06-10&to=2032-06-11&groupBy=team";
        await().atMost(Duration.ofSeconds(10)).until(() -> counts(byTeam).getList("keys").containsAll(
                Arrays.asList("dach", "emea", null)) && counts("from=2032-06-10&to=2032-06-11&groupBy=scoreBand")
                .getList("keys").contains("20-39"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
                .until(() -> counts(byTeam).getList("keys").size() == 3);

        JsonPath teams = counts(byTeam);
        assertThat(teams.getString("groupBy")).isEqualTo("team");
        assertThat(teams.getList("keys")).containsExactly("dach", "emea", null);
        assertThat(teams.getList("buckets[0].groups.leads", Integer.class)).containsExactly(1, 1, 1);
        JsonPath bands = counts("from=2032-06-10&to=2032-06-11&groupBy=scoreBand");
        assertThat(bands.getString("groupBy")).isEqualTo("scoreBand");
        assertThat(bands.getList("keys")).containsExactly("20-39", "80-100", null);
        assertThat(bands.getList("buckets[0].groups.qualified", Integer.class)).containsExactly(0, 1, 0);
    }

    @Test
    void shouldAnswerCsvOnAsking() {
        captured("2032-09-02T10:00:00Z", "web,partner");
        String query = "from=2032-09-01&to=2032-09-04&groupBy=source";
        awaitLeads(query, 1);

        String csv = given().accept("text/csv").get("/api/insights/leads?" + query).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv.split("\r\n")).containsExactly("bucket,from,to,key,leads,qualified",
                "2032-09-01,2032-09-01T00:00:00Z,2032-09-02T00:00:00Z,\"web,partner\",0,0",
                "2032-09-02,2032-09-02T00:00:00Z,2032-09-03T00:00:00Z,\"web,partner\",1,0",
                "2032-09-03,2032-09-03T00:00:00Z,2032-09-04T00:00:00Z,\"web,partner\",0,0");
    }

    @Test
    void shouldNameEachBadParameter() {
        given().get("/api/insights/leads?groupBy=mood&period=fortnight&tz=Mars/Olympus").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("groupBy", "period", "tz"));
        given().get("/api/insights/leads?from=2000-01-01&to=2032-01-01").then().statusCode(400)
                .body("type", equalTo("https://leadstream.dev/problems/too-many-buckets"));
        given().get("/api/insights/leads?from=2032-01-02&to=2032-01-01").then().statusCode(400)
                .body("type", equalTo("https://leadstream.dev/problems/invalid-range"));
        assertThat(counts("from=2032-01-01&to=2032-01-01").getList("buckets")).isEqualTo(List.of());
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseReps() {
        given().get("/api/insights/leads").then().statusCode(403);
    }
}
