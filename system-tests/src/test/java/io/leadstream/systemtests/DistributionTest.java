package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * With real Keycloak tokens, over the broker: an admin puts two demo reps in a team (one on duty, one off) and a rule
 * that sends one product to that team in working hours; a lead for that product, captured through the API, goes to
 * the rep on duty, with the off-duty rep named as skipped; a manager then moves it to another rep, and capture's
 * record-level access follows the move. A rule sends another product to a pull queue, and a rep claims the lead. A
 * lead nobody touches within its SLA goes to another rep. Rules, SLAs and reps are put back as they were afterwards.
 */
class DistributionTest {

    @Test
    void shouldRouteByProductToTheTeamsRepOnDutyAndFollowAManagersReassignment() {
        String admin = Suite.userToken("admin");
        String manager = Suite.userToken("manager");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String product = "heat-pumps-" + unique;
        String team = "systest-" + unique;
        String rule = "systest-" + unique;
        DayOfWeek today = LocalDate.now(ZoneOffset.UTC).getDayOfWeek();

        JsonPath before = Suite.rulesInForce(admin);
        try {
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("displayName", "Heat pumps"))
                    .put(Suite.DISTRIBUTION + "/api/teams/" + team).then().statusCode(201);
            putRep(admin, "rep1", "Rep One", Map.of("teamId", team, "workingHours", hours(today, "00:00", "24:00")));
            putRep(admin, "rep2", "Rep Two", Map.of("teamId", team, "workingHours",
                    hours(today.plus(1), "09:00", "17:00"))); // works tomorrow only: off duty now
            Suite.putRulesFirst(admin, before, Map.of("name", rule, "when", Map.of("products", List.of(product)),
                    "target", Map.of("type", "TEAM", "id", team), "strategy", "ROUND_ROBIN", "onlyWorkingHours", true));

            String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json").body("""
                    {"firstName":"Hedy","lastName":"Lamarr","email":"hedy.%s@spectrum.example","company":"Spread Ltd",
                     "source":"api","qualifiers":{"products":["%s"]}}""".formatted(unique, product))
                    .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
            String leadId = location.substring(location.lastIndexOf('/') + 1);

            String owner = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).until(
                    () -> given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                            .then().extract().<String>path("repId"), repId -> repId != null);
            assertThat(owner).isEqualTo("rep1");
            given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId).then()
                    .statusCode(200)
                    .body("rule", equalTo(rule))
                    .body("target", equalTo("team:" + team))
                    .body("candidates.repId", contains("rep1", "rep2"))
                    .body("candidates[1].skipped", equalTo("off duty: outside working hours (UTC)"));
            await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().auth().oauth2(Suite.userToken("rep1")).get(location).then().statusCode(200));

            given().auth().oauth2(manager).contentType("application/json")
                    .body(Map.of("repId", "rep3", "reason", "rep1 is at the trade fair"))
                    .post(Suite.DISTRIBUTION + "/api/assignments/" + leadId + "/reassign").then().statusCode(200)
                    .body("repId", equalTo("rep3"))
                    .body("history.kind", contains("ASSIGNED", "REASSIGNED"))
                    .body("history[1].actor", equalTo("manager"));
            // capture follows lead.reassigned: the new rep reads the lead, the previous one no longer does
            await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().auth().oauth2(Suite.userToken("rep3")).get(location).then().statusCode(200));
            given().auth().oauth2(Suite.userToken("rep1")).get(location).then().statusCode(404);
            given().auth().oauth2(Suite.userToken("rep1")).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                    .then().statusCode(404);
        } finally {
            Suite.putRules(admin, before.getList("rules"), before);
            putRep(admin, "rep1", "Rep One", Map.of());
            putRep(admin, "rep2", "Rep Two", Map.of());
        }
    }

    @Test
    void shouldLetARepClaimALeadARuleSentToAQueue() {
        String admin = Suite.userToken("admin");
        String rep3 = Suite.userToken("rep3");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String product = "solar-" + unique;
        String queue = "pull-" + unique;

        JsonPath before = Suite.rulesInForce(admin);
        try {
            Suite.putRulesFirst(admin, before, Map.of("name", queue, "when", Map.of("products", List.of(product)),
                    "target", Map.of("type", "QUEUE", "id", queue)));

            String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json").body("""
                    {"firstName":"Rosalind","lastName":"Franklin","email":"rf.%s@helix.example","company":"Photo 51 Ltd",
                     "source":"api","qualifiers":{"products":["%s"]}}""".formatted(unique, product))
                    .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
            String leadId = location.substring(location.lastIndexOf('/') + 1);

            await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().auth().oauth2(rep3).get(Suite.DISTRIBUTION + "/api/queues/" + queue).then()
                            .statusCode(200).body("leads.leadId", contains(leadId)));
            given().auth().oauth2(rep3).get(location).then().statusCode(404); // nobody's lead yet

            given().auth().oauth2(rep3).post(Suite.DISTRIBUTION + "/api/queues/" + queue + "/claim").then()
                    .statusCode(200).body("leadId", equalTo(leadId)).body("repId", equalTo("rep3"));
            given().auth().oauth2(Suite.userToken("rep1")).post(Suite.DISTRIBUTION + "/api/queues/" + queue + "/claim")
                    .then().statusCode(204);
            // capture follows lead.claimed: the lead is rep3's now
            await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().auth().oauth2(rep3).get(location).then().statusCode(200));
            given().auth().oauth2(rep3).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId).then().statusCode(200)
                    .body("history.kind", contains("QUEUED", "CLAIMED"));
        } finally {
            Suite.putRules(admin, before.getList("rules"), before);
        }
    }

    /**
     * An SLA of one business minute to first touch for one rule, reassignment one minute after the breach; the reps
     * work around the clock, so business time is real time. Nobody touches the lead: its rep is reminded, then the
     * lead goes to the other rep of the team, and capture's record-level access follows.
     */
    @Test
    void shouldReassignALeadNobodyTouchedWithinItsSla() {
        String admin = Suite.userToken("admin");
        String manager = Suite.userToken("manager");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String product = "boilers-" + unique;
        String team = "sla-" + unique;
        String rule = "sla-" + unique;

        JsonPath before = Suite.rulesInForce(admin);
        Map<String, Object> slasBefore = given().auth().oauth2(admin).get(Suite.DISTRIBUTION + "/api/sla").then()
                .statusCode(200).extract().jsonPath().getMap("");
        try {
            given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("displayName", "Boilers", "managerId", "manager"))
                    .put(Suite.DISTRIBUTION + "/api/teams/" + team).then().statusCode(201);
            putRep(admin, "rep1", "Rep One", Map.of("teamId", team, "workingHours", aroundTheClock()));
            putRep(admin, "rep2", "Rep Two", Map.of("teamId", team, "workingHours", aroundTheClock()));
            Suite.putRulesFirst(admin, before, Map.of("name", rule, "when", Map.of("products", List.of(product)),
                    "target", Map.of("type", "TEAM", "id", team), "strategy", "ROUND_ROBIN"));
            Map<String, Object> slas = new java.util.HashMap<>(slasBefore);
            slas.put("rules", Map.of(rule, Map.of("firstTouch", "1m", "nextTouch", "8h", "reassignAfter", "1m")));
            given().auth().oauth2(admin).contentType("application/json").body(slas)
                    .put(Suite.DISTRIBUTION + "/api/sla").then().statusCode(200)
                    .body("rules." + rule + ".firstTouch", equalTo("1m"));

            String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json").body("""
                    {"firstName":"Lise","lastName":"Meitner","email":"lise.%s@fission.example","company":"KWI",
                     "source":"api","qualifiers":{"products":["%s"]}}""".formatted(unique, product))
                    .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
            String leadId = location.substring(location.lastIndexOf('/') + 1);
            String assignment = Suite.DISTRIBUTION + "/api/assignments/" + leadId;

            String first = await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).until(
                    () -> given().auth().oauth2(manager).get(assignment).then().extract().<String>path("repId"),
                    repId -> repId != null);
            String second = first.equals("rep1") ? "rep2" : "rep1";
            given().auth().oauth2(manager).get(assignment).then().statusCode(200)
                    .body("sla.policy", equalTo("rule:" + rule))
                    .body("sla.nextStep", equalTo("REMIND"));

            // one minute to the breach, one more to the reassignment; the breach pass runs every 5 s in the local run
            // (deploy/local/distribution-service.properties; 30 s by default)
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(
                    () -> given().auth().oauth2(manager).get(assignment).then().extract().<String>path("repId"),
                    second::equals);
            JsonPath moved = given().auth().oauth2(manager).get(assignment).then().statusCode(200).extract().jsonPath();
            assertThat(moved.getList("history.kind", String.class)).containsExactly("ASSIGNED", "SLA_REMINDED",
                    "REASSIGNED");
            assertThat(moved.getString("history[2].previousRepId")).isEqualTo(first);
            assertThat(moved.getString("history[2].reason")).startsWith("SLA (rule:" + rule + "): first touch by "
                    + first);
            assertThat(moved.getString("sla.nextStep")).isEqualTo("REMIND"); // the new rep's own clock
            // capture follows lead.reassigned (trigger SLA): the new rep reads the lead, the first one no longer does
            await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().auth().oauth2(Suite.userToken(second)).get(location).then().statusCode(200));
            given().auth().oauth2(Suite.userToken(first)).get(location).then().statusCode(404);
        } finally {
            given().auth().oauth2(admin).contentType("application/json").body(slasBefore)
                    .put(Suite.DISTRIBUTION + "/api/sla").then().statusCode(200);
            Suite.putRules(admin, before.getList("rules"), before);
            putRep(admin, "rep1", "Rep One", Map.of());
            putRep(admin, "rep2", "Rep Two", Map.of());
        }
    }

    private static Map<String, Object> aroundTheClock() {
        Map<String, Object> week = new java.util.HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        return Map.of("timeZone", "UTC", "week", week);
    }

    private static Map<String, Object> hours(DayOfWeek day, String from, String to) {
        return Map.of("timeZone", "UTC", "week", Map.of(day.name(), List.of(Map.of("from", from, "to", to))));
    }

    /** As deploy/local/up.sh registers the demo reps, plus {@code more}. */
    private static void putRep(String admin, String repId, String name, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(more);
        body.put("displayName", name);
        body.put("active", true);
        given().auth().oauth2(admin).contentType("application/json").body(body)
                .put(Suite.DISTRIBUTION + "/api/reps/" + repId).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }
}
