package io.leadstream.distribution.assignments.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.distribution.LeadFlow;
import io.leadstream.distribution.assignments.WaitingLeads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ordered, versioned assignment rules on real PostgreSQL: stored and validated over HTTP, applied to leads whose
 * attributes arrive on capture's topic and score on scoring's, explained in the assignment and its history, and
 * simulated without assigning.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RuleRoutingTest {

    private static final Duration WAIT = LeadFlow.WAIT;
    /** A book that behaves as the built-in one (no rules, every lead round-robin to every active rep). */
    private static final String BUILT_IN = """
            {"rules":[],"fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;
    @Inject
    WaitingLeads waitingLeads;

    LeadFlow flow;
    InMemorySource<Message<String>> scoringEvents;

    @BeforeEach
    void channels() {
        flow = new LeadFlow(connector, pool);
        scoringEvents = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
        flow.sql("update rep set active = false where active");
    }

    /** Other test classes share the database: the built-in rules (version 1) are in force again after each test. */
    @AfterEach
    void builtInRules() {
        sql("delete from assignment_rules");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldStartWithTheBuiltInRulesAndKeepEveryVersion() {
        int before = given().get("/api/assignment/rules").then().statusCode(200).extract().path("version");
        String book = """
                {"rules":[{"name":"solar","when":{"products":["solar"]},"target":{"type":"ALL_REPS"},
                           "strategy":"LOAD_BALANCED"}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""";
        given().contentType(ContentType.JSON).body(book).put("/api/assignment/rules").then().statusCode(200)
                .body("version", equalTo(before + 1))
                .body("createdBy", equalTo("admin"))
                .body("rules[0].name", equalTo("solar"))
                .body("rules[0].when.products", contains("solar"))
                .body("rules[0].strategy", equalTo("LOAD_BALANCED"));
        given().get("/api/assignment/rules").then().statusCode(200).body("version", equalTo(before + 1));
        given().get("/api/assignment/rules?version=1").then().statusCode(200)
                .body("version", equalTo(1))
                .body("rules.size()", equalTo(0))
                .body("fallback.target.type", equalTo("ALL_REPS"))
                .body("createdBy", equalTo("leadstream (built-in default)"));
        given().get("/api/assignment/rules/versions").then().statusCode(200)
                .body("version", hasItems(before + 1, 1));
        given().get("/api/assignment/rules?version=999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRejectInvalidRulesNamingTheRuleAndTheField() {
        String book = """
                {"rules":[{"name":"big","when":{"grades":["E"],"minScore":80,"maxScore":20},"target":{"type":"TEAM"},
                           "strategy":"ROUND_ROBIN"},
                          {"name":"big","target":{"type":"REP","id":"nobody-registered"},"strategy":"WEIGHTED",
                           "weights":{"nobody-registered":-1}},
                          {"name":"x","when":{"countries":["Germany"]},"target":{"type":"ALL_REPS"}}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""";
        int before = given().get("/api/assignment/rules").then().extract().path("version");

        given().contentType(ContentType.JSON).body(book).put("/api/assignment/rules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("rules[0].when.grades", "rules[0].when.maxScore", "rules[0].target.id",
                        "rules[1].name", "rules[1].weights.nobody-registered", "rules[2].when.countries",
                        "rules[2].strategy"))
                .body("errors.find { it.field == 'rules[0].when.grades' }.message",
                        equalTo("rule 'big': unknown grade 'E'; grades are A, B, C and D"));

        // valid in form, but naming a rep nobody registered
        given().contentType(ContentType.JSON).body("""
                {"rules":[{"name":"one","target":{"type":"REP","id":"nobody-registered"},"strategy":"ROUND_ROBIN"}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""")
                .put("/api/assignment/rules").then().statusCode(400)
                .body("errors.field", contains("rules[0].target.id"))
                .body("errors.message", contains("no rep 'nobody-registered' is registered"));
        given().get("/api/assignment/rules").then().body("version", equalTo(before));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetOnlyAdminsReadChangeOrSimulateRules() {
        // api.md: GET/PUT /api/assignment/rules and simulate are the admin's
        given().get("/api/assignment/rules").then().statusCode(403);
        given().get("/api/assignment/rules/versions").then().statusCode(403);
        given().contentType(ContentType.JSON).body(BUILT_IN).put("/api/assignment/rules").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/assignment/rules/simulate").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRouteByTheFirstMatchingRuleAndExplainWhy() throws Exception {
        activeReps("route-heat", "route-solar", "route-other");
        putRules("""
                {"rules":[{"name":"solar","when":{"products":["solar"]},"target":{"type":"REP","id":"route-solar"},
                           "strategy":"ROUND_ROBIN"},
                          {"name":"heat-pumps-dach","when":{"products":["heat-pumps"],"countries":["DE","AT"]},
                           "target":{"type":"REP","id":"route-heat"},"strategy":"LOAD_BALANCED"}],
                 "fallback":{"name":"default","target":{"type":"REP","id":"route-other"},"strategy":"ROUND_ROBIN"}}""");
        int version = given().get("/api/assignment/rules").then().extract().path("version");

        String heat = captured("heat-pumps", "DE");
        scored(heat, 72, "B");
        String elsewhere = captured("heat-pumps", "FR");
        scored(elsewhere, 40, "C");

        assertThat(awaitRepOf(heat)).isEqualTo("route-heat");
        assertThat(awaitRepOf(elsewhere)).isEqualTo("route-other");
        given().get("/api/assignments/" + heat).then().statusCode(200)
                .body("rule", equalTo("heat-pumps-dach"))
                .body("ruleVersion", equalTo(version))
                .body("target", equalTo("rep:route-heat"))
                .body("strategy", equalTo("LOAD_BALANCED"))
                .body("reason", equalTo("rule heat-pumps-dach sends it to rep route-heat: fewest open leads: "
                        + "route-heat has 0"))
                .body("candidates.repId", contains("route-heat"))
                .body("history.kind", contains("ASSIGNED"))
                .body("history[0].rule", equalTo("heat-pumps-dach"));
        given().get("/api/assignments/" + elsewhere).then().statusCode(200)
                .body("rule", equalTo("default"))
                .body("reason", containsString("no rule matched; the default sends it to rep route-other"));

        JsonNode announced = mapper.readTree(await().atMost(WAIT).until(() -> assignedEventsFor(heat),
                list -> !list.isEmpty()).get(0).getPayload());
        assertThat(announced.path("rule").asText()).isEqualTo("heat-pumps-dach");
        assertThat(announced.path("ruleVersion").asInt()).isEqualTo(version);
        assertThat(announced.path("strategy").asText()).isEqualTo("LOAD_BALANCED");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRouteByProductToTheRightTeamsRepSkippingTheOneOffDuty() {
        java.time.DayOfWeek today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek();
        given().contentType(ContentType.JSON).body(Map.of("displayName", "Heat pumps"))
                .put("/api/teams/heat-team").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("displayName", "Solar"))
                .put("/api/teams/solar-team").then().statusCode(201);
        putRep("heat-day", "heat-team", today, "00:00", "24:00");
        putRep("heat-night", "heat-team", today.plus(1), "09:00", "17:00"); // works tomorrow only: off duty now
        putRep("solar-rep", "solar-team", today, "00:00", "24:00");
        putRules("""
                {"rules":[{"name":"solar","when":{"products":["solar"]},"target":{"type":"TEAM","id":"solar-team"},
                           "strategy":"ROUND_ROBIN"},
                          {"name":"heat","when":{"products":["heat-pumps"]},"target":{"type":"TEAM","id":"heat-team"},
                           "strategy":"ROUND_ROBIN","onlyWorkingHours":true}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""");

        for (int i = 0; i < 2; i++) {
            String heat = captured("heat-pumps", "DE");
            scored(heat, 70, "B");
            assertThat(awaitRepOf(heat)).isEqualTo("heat-day");
            given().get("/api/assignments/" + heat).then()
                    .body("target", equalTo("team:heat-team"))
                    .body("candidates.repId", contains("heat-day", "heat-night"))
                    .body("candidates[1].skipped", equalTo("off duty: outside working hours (UTC)"));
        }
        String solar = captured("solar", "DE");
        scored(solar, 70, "B");
        assertThat(awaitRepOf(solar)).isEqualTo("solar-rep");

        // a rule naming a team that does not exist is refused
        given().contentType(ContentType.JSON).body("""
                {"rules":[{"name":"x","target":{"type":"TEAM","id":"no-such-team"},"strategy":"ROUND_ROBIN"}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""")
                .put("/api/assignment/rules").then().statusCode(400)
                .body("errors.field", contains("rules[0].target.id"))
                .body("errors.message", contains("no team 'no-such-team' exists"));
    }

    private void putRep(String repId, String teamId, java.time.DayOfWeek day, String from, String to) {
        given().contentType(ContentType.JSON).body(Map.of("displayName", repId, "active", true, "teamId", teamId,
                "workingHours", Map.of("timeZone", "UTC", "week", Map.of(day.name(), List.of(Map.of("from", from,
                        "to", to))))))
                .put("/api/reps/" + repId).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldLetALeadWaitWhenEveryCandidateIsSkippedAndSayWhy() {
        activeReps("waits-for");
        sql("update rep set active = false where rep_id = 'waits-for'");
        putRules("""
                {"rules":[],
                 "fallback":{"name":"default","target":{"type":"REP","id":"waits-for"},"strategy":"ROUND_ROBIN"}}""");
        String lead = captured("solar", "DE");
        scored(lead, 50, "C");

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + lead).then().statusCode(200)
                .body("repId", nullValue())
                .body("candidates[0].skipped", equalTo("inactive"))
                .body("history.kind", contains("WAITING")));
        assertThat(assignedEventsFor(lead)).isEmpty();
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRouteAWaitingLeadAgainOnceSomeoneCanTakeIt() throws Throwable {
        activeReps("later-rep");
        sql("update rep set active = false where rep_id = 'later-rep'");
        putRules("""
                {"rules":[],
                 "fallback":{"name":"default","target":{"type":"REP","id":"later-rep"},"strategy":"ROUND_ROBIN"}}""");
        String lead = captured("solar", "DE");
        scored(lead, 50, "C");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + lead).then().statusCode(200)
                .body("repId", nullValue()));

        // still nobody: the pass leaves it waiting and writes nothing
        VertxContextSupport.subscribeAndAwait(() -> waitingLeads.retry());
        given().get("/api/assignments/" + lead).then().body("repId", nullValue()).body("history.kind", contains("WAITING"));

        activeReps("later-rep");
        WaitingLeads.Result result = VertxContextSupport.subscribeAndAwait(() -> waitingLeads.retry());

        assertThat(result.assigned()).isPositive();
        given().get("/api/assignments/" + lead).then()
                .body("repId", equalTo("later-rep"))
                .body("history.kind", contains("WAITING", "ASSIGNED"));
        assertThat(await().atMost(WAIT).until(() -> assignedEventsFor(lead), list -> !list.isEmpty())).hasSize(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldWaitForANewLeadsAttributesButNotHoldARescoreOfAnOldLead() throws Exception {
        activeReps("wait-rep", "wait-other");
        String product = "wait-" + UUID.randomUUID().toString().substring(0, 8);
        putRules("""
                {"rules":[{"name":"by-product","when":{"products":["%s"]},"target":{"type":"REP","id":"wait-rep"},
                           "strategy":"ROUND_ROBIN"}],
                 "fallback":{"name":"default","target":{"type":"REP","id":"wait-other"},"strategy":"ROUND_ROBIN"}}"""
                .formatted(product));

        // scoring's first score overtakes capture's lead.captured: distribution waits for the attributes
        String lead = UUID.randomUUID().toString();
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", lead, """
                {"leadId":"%s","score":60,"grade":"B","qualified":false,"trigger":"lead.captured","scoredAt":"%s"}"""
                .formatted(lead, java.time.Instant.now())));
        Thread.sleep(1500);
        given().get("/api/assignments/" + lead).then().statusCode(404);
        captureEvents().send(TestEvents.event("leadstream.lead.captured.v1", lead, """
                {"leadId":"%s","source":"web","country":"DE","products":["%s"],"capturedAt":"2026-11-22T10:00:00Z",
                 "quality":{"emailValid":true,"phoneValid":false,"hasCompany":false}}""".formatted(lead, product)));
        assertThat(awaitRepOf(lead)).isEqualTo("wait-rep"); // routed by its product, not by the fallback

        // a lead assigned before distribution kept facts, re-scored now (new rules in scoring): no wait, no move
        String old = UUID.randomUUID().toString();
        sql("insert into assignment (lead_id, rep_id, strategy, reason, candidates, score, grade, assigned_at) values ('"
                + old + "', 'wait-other', 'ROUND_ROBIN', 'before rules', '{\"items\":[]}', 40, 'C', now())");
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", old, """
                {"leadId":"%s","score":75,"grade":"B","qualified":false,"trigger":"rules-v3","scoredAt":"%s"}"""
                .formatted(old, java.time.Instant.now())));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from lead_facts where lead_id = $1 and score = 75", old) == 1);
        given().get("/api/assignments/" + old).then().body("repId", equalTo("wait-other"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldSimulateADraftOnStoredLeadsWithoutAssigningThem() {
        activeReps("sim-a", "sim-b");
        String first = captured("heat-pumps", "DE");
        String second = captured("heat-pumps", "DE");
        String third = captured("solar", "FR");
        // scored while no rule sends anything anywhere but an inactive rep: they wait, unassigned
        activeReps("sim-parked");
        sql("update rep set active = false where rep_id = 'sim-parked'");
        putRules("""
                {"rules":[],
                 "fallback":{"name":"default","target":{"type":"REP","id":"sim-parked"},"strategy":"ROUND_ROBIN"}}""");
        List.of(first, second, third).forEach(lead -> scored(lead, 60, "B"));
        List.of(first, second, third).forEach(lead -> await().atMost(WAIT).untilAsserted(() ->
                given().get("/api/assignments/" + lead).then().statusCode(200).body("repId", nullValue())));
        int versionBefore = given().get("/api/assignment/rules").then().extract().path("version");

        String unknown = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(Map.of("leadIds", List.of(first, second, third, unknown),
                "rules", Map.of(
                        "rules", List.of(Map.of("name", "dach", "when", Map.of("countries", List.of("DE")),
                                "target", Map.of("type", "ALL_REPS"), "strategy", "ROUND_ROBIN")),
                        "fallback", Map.of("name", "default", "target", Map.of("type", "REP", "id", "sim-parked"),
                                "strategy", "ROUND_ROBIN"))))
                .post("/api/assignment/rules/simulate").then().statusCode(200)
                .body("ruleVersion", nullValue())
                .body("leads.leadId", contains(first, second, third))
                .body("leads.rule", contains("dach", "dach", "default"))
                .body("leads[0].currentRepId", nullValue())
                .body("leads[2].repId", nullValue())
                .body("leads[2].rulesNotMatched[0].because", equalTo("country FR is not in DE"))
                .body("byRule.dach", equalTo(2))
                .body("byRep.waiting", equalTo(1))
                .body("unknown", contains(unknown));

        // the two DACH leads went to two different reps in the simulation (the rotation moves on within a run)
        List<String> reps = given().contentType(ContentType.JSON).body(Map.of("leadIds", List.of(first, second),
                "rules", Map.of("rules", List.of(), "fallback", Map.of("name", "default",
                        "target", Map.of("type", "ALL_REPS"), "strategy", "ROUND_ROBIN"))))
                .post("/api/assignment/rules/simulate").then().statusCode(200).extract().path("leads.repId");
        assertThat(reps).doesNotContainNull().doesNotHaveDuplicates();

        // nothing was assigned, stored or announced
        List.of(first, second, third).forEach(lead -> given().get("/api/assignments/" + lead).then()
                .body("repId", nullValue()));
        given().get("/api/assignment/rules").then().body("version", equalTo(versionBefore));
        assertThat(assignedEventsFor(first)).isEmpty();

        // an invalid draft is refused with the field inside the request
        given().contentType(ContentType.JSON).body("""
                {"rules":{"rules":[{"name":"x","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN",
                                    "when":{"minScore":101}}],
                          "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}}""")
                .post("/api/assignment/rules/simulate").then().statusCode(400)
                .body("errors.field", hasItem("rules.rules[0].when.minScore"));
    }

    @Test
    @TestSecurity(user = "boss", roles = { "sales-manager", "lead-admin" })
    void shouldLetAManagerReassignALeadWithAReasonAndAnnounceIt() throws Exception {
        activeReps("move-from", "move-to", "move-third");
        putRules("""
                {"rules":[],
                 "fallback":{"name":"default","target":{"type":"REP","id":"move-from"},"strategy":"ROUND_ROBIN"}}""");
        String lead = captured("solar", "DE");
        scored(lead, 66, "B");
        assertThat(awaitRepOf(lead)).isEqualTo("move-from");

        given().contentType(ContentType.JSON).body(Map.of("repId", "move-to", "reason", "move-from is on leave"))
                .post("/api/assignments/" + lead + "/reassign").then().statusCode(200)
                .body("repId", equalTo("move-to"))
                .body("strategy", equalTo("MANUAL"))
                .body("rule", nullValue())
                .body("reason", equalTo("reassigned by boss: move-from is on leave"))
                .body("history.kind", contains("ASSIGNED", "REASSIGNED"))
                .body("history[1].previousRepId", equalTo("move-from"))
                .body("history[1].actor", equalTo("boss"));
        JsonNode moved = mapper.readTree(await().atMost(WAIT).until(() -> eventsFor(lead, "leadstream.lead.reassigned.v1"),
                list -> !list.isEmpty()).get(0).getPayload());
        assertThat(moved.path("repId").asText()).isEqualTo("move-to");
        assertThat(moved.path("previousRepId").asText()).isEqualTo("move-from");
        assertThat(moved.path("trigger").asText()).isEqualTo("MANUAL");
        assertThat(moved.path("actor").asText()).isEqualTo("boss");
        io.leadstream.chassis.testing.EventContracts.assertPublishes(
                io.leadstream.distribution.assignments.LeadReassigned.class,
                mapper.treeToValue(moved, io.leadstream.distribution.assignments.LeadReassigned.class));

        // without a rep: the rules in force choose, leaving the current rep out (the fallback names only move-from)
        putRules("""
                {"rules":[],"fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"LOAD_BALANCED"}}""");
        String chosen = given().contentType(ContentType.JSON).body(Map.of("reason", "spread the load"))
                .post("/api/assignments/" + lead + "/reassign").then().statusCode(200)
                .body("rule", equalTo("default"))
                .body("reason", containsString("reassigned by boss: spread the load; no rule matched"))
                .extract().path("repId");
        assertThat(chosen).isNotEqualTo("move-to");

        given().contentType(ContentType.JSON).body(Map.of("repId", chosen, "reason", "again"))
                .post("/api/assignments/" + lead + "/reassign").then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("repId", "nobody-registered", "reason", "x"))
                .post("/api/assignments/" + lead + "/reassign").then().statusCode(400)
                .body("errors.field", contains("repId"));
        given().contentType(ContentType.JSON).body(Map.of("repId", "move-to"))
                .post("/api/assignments/" + lead + "/reassign").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().contentType(ContentType.JSON).body(Map.of("repId", "move-to", "reason", "x"))
                .post("/api/assignments/" + UUID.randomUUID() + "/reassign").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "rep", roles = "sales-rep")
    void shouldNotLetARepReassign() {
        given().contentType(ContentType.JSON).body(Map.of("repId", "x", "reason", "mine now"))
                .post("/api/assignments/" + UUID.randomUUID() + "/reassign").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldMoveALeadThatQualifiesWhenItsRuleSaysSo() throws Exception {
        activeReps("qual-junior", "qual-closer");
        putRules("""
                {"rules":[{"name":"closers","when":{"qualified":true},"target":{"type":"REP","id":"qual-closer"},
                           "strategy":"ROUND_ROBIN"},
                          {"name":"juniors","target":{"type":"REP","id":"qual-junior"},"strategy":"ROUND_ROBIN",
                           "reevaluateWhenQualified":true}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""");
        String lead = captured("solar", "DE");
        scored(lead, 40, "C");
        assertThat(awaitRepOf(lead)).isEqualTo("qual-junior");

        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", lead, """
                {"leadId":"%s","score":85,"grade":"A","qualified":true,"scoredAt":"2026-11-22T11:00:00Z"}"""
                .formatted(lead)));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + lead).then()
                .body("repId", equalTo("qual-closer"))
                .body("rule", equalTo("closers"))
                .body("reason", containsString("qualified: rule closers sends it to rep qual-closer"))
                .body("history.kind", contains("ASSIGNED", "REASSIGNED"))
                .body("history[1].actor", nullValue()));
        JsonNode moved = mapper.readTree(await().atMost(WAIT).until(() -> eventsFor(lead, "leadstream.lead.reassigned.v1"),
                list -> !list.isEmpty()).get(0).getPayload());
        assertThat(moved.path("trigger").asText()).isEqualTo("QUALIFIED");
        assertThat(moved.path("score").asInt()).isEqualTo(85);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldLeaveAQualifiedLeadWhereItIsWhenItsRuleDoesNotSaySo() {
        activeReps("stay-junior", "stay-closer");
        putRules("""
                {"rules":[{"name":"closers","when":{"qualified":true},"target":{"type":"REP","id":"stay-closer"},
                           "strategy":"ROUND_ROBIN"},
                          {"name":"juniors","target":{"type":"REP","id":"stay-junior"},"strategy":"ROUND_ROBIN"}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}""");
        String lead = captured("solar", "DE");
        scored(lead, 40, "C");
        assertThat(awaitRepOf(lead)).isEqualTo("stay-junior");

        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", lead, """
                {"leadId":"%s","score":85,"grade":"A","qualified":true,"scoredAt":"2026-11-22T11:00:00Z"}"""
                .formatted(lead)));
        await().atMost(WAIT).until(() -> count("select count(*) from lead_facts where lead_id = $1 and qualified",
                lead) == 1);

        given().get("/api/assignments/" + lead).then().body("repId", equalTo("stay-junior"))
                .body("history.kind", contains("ASSIGNED"));
        assertThat(eventsFor(lead, "leadstream.lead.reassigned.v1")).isEmpty();
    }

    private void putRules(String book) {
        given().contentType(ContentType.JSON).body(book).put("/api/assignment/rules").then().statusCode(200);
    }

    private InMemorySource<Message<String>> captureEvents() {
        return connector.<Message<String>>source("capture-events").runOnVertxContext(true);
    }

    private String captured(String product, String country) {
        return flow.captured(product, country);
    }

    private void scored(String leadId, int score, String grade) {
        flow.scored(leadId, score, grade);
    }

    private String awaitRepOf(String leadId) {
        return flow.awaitRepOf(leadId);
    }

    private void activeReps(String... repIds) {
        flow.activeReps(repIds);
    }

    private long count(String sql, String leadId) {
        return flow.count(sql, UUID.fromString(leadId));
    }

    private void sql(String statement) {
        flow.sql(statement);
    }

    private List<? extends Message<String>> assignedEventsFor(String leadId) {
        return flow.eventsFor(leadId, "leadstream.lead.assigned.v1");
    }

    private List<? extends Message<String>> eventsFor(String leadId, String type) {
        return flow.eventsFor(leadId, type);
    }
}
