package io.leadstream.nurture.timeline.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.nurture.lifecycle.ScoringEventsConsumer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * GET /api/leads/{leadId}/timeline on real PostgreSQL: what distribution and scoring told nurture, the activities and
 * stage moves made through the API, in time order and paged; who may read it; a manual merge folding the merged lead's
 * timeline and stage into the survivor.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class TimelineFlowTest {

    static final String SCORED = "leadstream.lead.scored.v1";
    static final String MERGED = "leadstream.lead.merged.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    ScoringEventsConsumer scoringConsumer;

    NurtureLeads leads;
    InMemorySource<Message<String>> scoringEvents;
    InMemorySource<Message<String>> distributionEvents;
    InMemorySource<Message<String>> captureEvents;

    @BeforeEach
    void channels() {
        leads = new NurtureLeads(connector, pool);
        scoringEvents = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
    }

    /** An assigned lead (at 10:00:05), scored at 10:00:03, a call at 11:00 and a move to CONTACTED (now). */
    private String workedLead(String rep) {
        String lead = leads.openedFor(rep);
        scored(lead, 72, "B", true, "2026-11-22T10:00:03Z");
        given().contentType(ContentType.JSON).body("""
                {"kind":"CALL","direction":"OUTBOUND","durationSeconds":300,"outcome":"interested",
                 "occurredAt":"2026-11-22T11:00:00Z"}""")
                .post("/api/leads/" + lead + "/activities").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"to\":\"CONTACTED\",\"note\":\"spoke to them\"}")
                .post("/api/leads/" + lead + "/stage").then().statusCode(200);
        return lead;
    }

    private void scored(String lead, int score, String grade, boolean qualified, String at) {
        scoringEvents.send(TestEvents.event(SCORED, lead, """
                {"leadId":"%s","score":%d,"grade":"%s","fit":40,"engagement":20,"dataQuality":12,"model":null,
                 "reasonCodes":[],"reasons":[],"qualified":%s,"qualifiedAt":null,"modelVersion":"rules-v1",
                 "rulesVersion":1,"trigger":"lead.captured","scoredAt":"%s"}"""
                .formatted(lead, score, grade, qualified, at)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count(
                "select count(*) from lead_history where lead_id = $1 and kind = 'SCORED' and occurred_at = '"
                        + at + "'::timestamptz", lead) == 1);
    }

    private static JsonPath timeline(String lead, String query) {
        return given().get("/api/leads/" + lead + "/timeline" + query).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldShowEveryRecordOfALeadNewestFirst() {
        String lead = workedLead("rep1");

        JsonPath page = timeline(lead, "");
        assertThat(page.getList("items.type")).hasSize(5);
        assertThat(page.getString("nextCursor")).isNull();
        // the move made just now, then the call, then the assignment and the opening (same instant), then the score
        assertThat(page.getString("items[0].type")).isEqualTo("STAGE_CHANGE");
        assertThat(page.getMap("items[0].stageChange")).containsEntry("from", "OPEN").containsEntry("to", "CONTACTED")
                .containsEntry("reason", "moved by rep1").containsEntry("note", "spoke to them");
        assertThat(page.getString("items[0].by")).isEqualTo("rep1");
        assertThat(page.getString("items[1].type")).isEqualTo("ACTIVITY");
        assertThat(page.getString("items[1].activity.kind")).isEqualTo("CALL");
        assertThat(page.getString("items[1].at")).isEqualTo("2026-11-22T11:00:00Z");
        assertThat(page.getList("items[2..3].type", String.class))
                .containsExactlyInAnyOrder("ASSIGNMENT", "STAGE_CHANGE");
        Map<String, Object> assignment = page.getList("items", Map.class).stream()
                .filter(i -> "ASSIGNMENT".equals(i.get("type"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) assignment.get("assignment")).containsEntry("event", "ASSIGNED")
                .containsEntry("repId", "rep1").containsEntry("strategy", "ROUND_ROBIN").containsEntry("score", 70);
        assertThat(assignment.get("at")).isEqualTo("2026-11-22T10:00:05Z");
        assertThat(page.getString("items[4].type")).isEqualTo("SCORE");
        assertThat(page.getMap("items[4].score")).containsEntry("score", 72).containsEntry("grade", "B")
                .containsEntry("qualified", true).containsEntry("trigger", "lead.captured");
        assertThat(page.getString("items[4].at")).isEqualTo("2026-11-22T10:00:03Z");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldShowAFollowUpWhenItWasScheduledWithItsOutcomeOnceDone() {
        String lead = workedLead("rep1");
        String followUp = given().contentType(ContentType.JSON)
                .body("{\"dueAt\":\"2026-12-04T10:00\",\"timeZone\":\"Europe/London\",\"note\":\"send the quote\"}")
                .post("/api/leads/" + lead + "/follow-ups").then().statusCode(201).extract().path("followUpId");

        JsonPath page = timeline(lead, "");
        assertThat(page.getList("items.type")).hasSize(6);
        assertThat(page.getString("items[0].type")).isEqualTo("FOLLOW_UP");
        assertThat(page.getString("items[0].id")).isEqualTo(followUp);
        assertThat(page.getString("items[0].by")).isEqualTo("rep1");
        assertThat(page.getMap("items[0].followUp")).containsEntry("owner", "rep1")
                .containsEntry("dueAt", "2026-12-04T10:00:00Z").containsEntry("timeZone", "Europe/London")
                .containsEntry("note", "send the quote").containsEntry("completedAt", null);

        given().contentType(ContentType.JSON).body("{\"outcome\":\"quote sent\"}")
                .post("/api/follow-ups/" + followUp + "/complete").then().statusCode(200);
        assertThat(timeline(lead, "").getMap("items[0].followUp")).containsEntry("outcome", "quote sent")
                .containsEntry("completedBy", "rep1");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldPageTheTimelineInEitherOrderWithoutLosingOrRepeatingARecord() {
        String lead = workedLead("rep1");
        List<String> newest = timeline(lead, "").getList("items.id");

        assertThat(allPages(lead, "newest")).containsExactlyElementsOf(newest);
        List<String> oldest = allPages(lead, "oldest");
        List<String> reversed = new ArrayList<>(newest);
        java.util.Collections.reverse(reversed);
        assertThat(oldest).containsExactlyElementsOf(reversed);
        assertThat(timeline(lead, "?order=oldest&limit=1").getString("items[0].type")).isEqualTo("SCORE");
    }

    private List<String> allPages(String lead, String order) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = timeline(lead, "?limit=2&order=" + order + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        return ids;
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldShowWhatDistributionDidWithTheLead() {
        String lead = leads.openedFor("rep1");
        distributionEvents.send(TestEvents.event("leadstream.sla.breached.v1", lead, """
                {"leadId":"%s","repId":"rep1","kind":"FIRST_TOUCH","step":"REMIND","policy":"default",
                 "startedAt":"2026-11-22T10:00:05Z","deadline":"2026-11-22T14:00:05Z","dueAt":"2026-11-22T14:00:05Z",
                 "teamId":null,"managerId":null,"reassignedTo":null,"breachedAt":"2026-11-22T14:00:30Z"}"""
                .formatted(lead)));
        distributionEvents.send(TestEvents.event("leadstream.lead.shared.v1", lead, """
                {"leadId":"%s","shareId":"%s","partnerId":"acme","fields":["company"],"sharedAt":"2026-11-22T15:00:00Z",
                 "deadline":"2026-11-23T15:00:00Z"}""".formatted(lead, UUID.randomUUID())));
        distributionEvents.send(TestEvents.event("leadstream.lead.recalled.v1", lead, """
                {"leadId":"%s","shareId":"%s","partnerId":"acme","reason":"DEADLINE","sharedAt":"2026-11-22T15:00:00Z",
                 "recalledAt":"2026-11-23T15:00:01Z"}""".formatted(lead, UUID.randomUUID())));
        distributionEvents.send(TestEvents.event("leadstream.lead.reassigned.v1", lead, """
                {"leadId":"%s","repId":"rep1","previousRepId":"rep2","strategy":"MANUAL","reason":"back to rep1",
                 "trigger":"MANUAL","actor":"manager","reassignedAt":"2026-11-23T15:00:02Z"}""".formatted(lead)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count(
                "select count(*) from lead_history where lead_id = $1", lead) == 5);

        JsonPath page = timeline(lead, "?order=oldest");
        assertThat(page.getList("items.assignment.event")).containsSubsequence("ASSIGNED", "SLA_BREACHED", "SHARED",
                "RECALLED", "REASSIGNED");
        List<Map<String, Object>> assignments = page.getList("items.assignment", Map.class).stream()
                .filter(a -> a != null).map(a -> (Map<String, Object>) a).toList();
        assertThat(assignments.get(1)).containsEntry("slaKind", "FIRST_TOUCH").containsEntry("slaStep", "REMIND")
                .containsEntry("repId", "rep1");
        assertThat(assignments.get(2)).containsEntry("partnerId", "acme");
        assertThat(assignments.get(3)).containsEntry("reason", "DEADLINE");
        assertThat(assignments.get(4)).containsEntry("previousRepId", "rep2").containsEntry("trigger", "MANUAL");
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswerAnotherRepsLeadWith404Problem() {
        String lead = leads.openedFor("rep1");
        given().get("/api/leads/" + lead + "/timeline").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
        given().get("/api/leads/" + UUID.randomUUID() + "/timeline").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetManagersReadEveryLeadsTimeline() {
        String lead = leads.openedFor("rep1");
        given().get("/api/leads/" + lead + "/timeline").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseABadOrderLimitOrCursorWith400Problem() {
        String lead = leads.openedFor("rep1");
        given().get("/api/leads/" + lead + "/timeline?order=sideways").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/leads/" + lead + "/timeline?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/leads/" + lead + "/timeline?cursor=not-a-cursor").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldFoldAManuallyMergedLeadsTimelineAndStageIntoTheSurvivor() {
        String survivor = leads.openedFor("rep1");
        String merged = workedLead("rep2");
        given().contentType(ContentType.JSON).body("{\"to\":\"NURTURING\"}")
                .post("/api/leads/" + merged + "/stage").then().statusCode(200);
        List<String> mergedRecords = timeline(merged, "").getList("items.id");

        mergeInto(survivor, merged);

        given().get("/api/leads/" + merged + "/stage").then().statusCode(404);
        // the survivor was still OPEN: it takes the stage the merged lead had reached, and keeps its own rep
        given().get("/api/leads/" + survivor + "/stage").then().statusCode(200)
                .body("stage", equalTo("NURTURING")).body("owner", equalTo("rep1"));
        JsonPath timeline = timeline(survivor, "");
        assertThat(timeline.getList("items.id", String.class)).containsAll(mergedRecords).hasSize(
                mergedRecords.size() + 3);
        assertThat(timeline.getMap("items[0].stageChange")).containsEntry("from", "OPEN")
                .containsEntry("to", "NURTURING").containsEntry("reason", "merged from lead " + merged);
        assertThat(timeline.getString("items[0].by")).isNull();
        List<? extends Message<String>> published = leads.eventsFor(survivor);
        JsonPath announced = JsonPath.from(published.get(published.size() - 1).getPayload());
        assertThat(announced.getString("to")).isEqualTo("NURTURING");
        assertThat(announced.getString("reason")).isEqualTo("merged from lead " + merged);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldKeepTheSurvivorsStageWhenItWasWorkedAndOpenALeadNurtureDidNotKnow() {
        String survivor = workedLead("rep1"); // CONTACTED
        String merged = leads.openedFor("rep2");
        given().contentType(ContentType.JSON).body("{\"to\":\"QUALIFIED\",\"reason\":\"fast-track\"}")
                .post("/api/leads/" + merged + "/stage").then().statusCode(200);
        mergeInto(survivor, merged);
        given().get("/api/leads/" + survivor + "/stage").then().statusCode(200).body("stage", equalTo("CONTACTED"));

        // merged into a lead nurture never heard of: that lead takes the stage and the rep
        String unknown = UUID.randomUUID().toString();
        mergeInto(unknown, survivor);
        given().get("/api/leads/" + unknown + "/stage").then().statusCode(200)
                .body("stage", equalTo("CONTACTED")).body("owner", equalTo("rep1"));
        JsonPath timeline = timeline(unknown, "");
        assertThat(timeline.getMap("items[0].stageChange")).containsEntry("to", "CONTACTED");
        assertThat(timeline.getString("items[0].stageChange.from")).isNull();
    }

    private void mergeInto(String survivor, String merged) {
        captureEvents.send(TestEvents.event(MERGED, survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"import","filledFields":[],
                 "mergedAt":"2026-12-02T08:15:00Z"}""".formatted(survivor, merged)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count(
                "select count(*) from lead_stage where lead_id = $1", merged) == 0);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRecordARedeliveredScoreOnce() {
        String lead = leads.openedFor("rep1");
        String ceId = UUID.randomUUID().toString();
        String json = """
                {"leadId":"%s","score":40,"grade":"C","qualified":false,"modelVersion":"rules-v1",
                 "trigger":"lead.updated","scoredAt":"2026-11-22T12:00:00Z"}""".formatted(lead);
        scoringEvents.send(TestEvents.event(ceId, SCORED, lead, json));
        scoringEvents.send(TestEvents.event(ceId, SCORED, lead, json));
        scored(lead, 41, "C", false, "2026-11-22T12:05:00Z"); // a later one: both before it are applied by then

        assertThat(leads.count("select count(*) from lead_history where lead_id = $1 and kind = 'SCORED'", lead))
                .isEqualTo(2);
        JsonPath page = timeline(lead, "?order=oldest");
        // the assignment and the opening happened at the same instant (either may come first), then the two scores
        assertThat(page.getList("items[0..1].type", String.class)).containsExactlyInAnyOrder("ASSIGNMENT",
                "STAGE_CHANGE");
        assertThat(page.getList("items[2..3].type", String.class)).containsExactly("SCORE", "SCORE");
        assertThat(page.getInt("items[2].score.score")).isEqualTo(40);
        assertThat(page.getInt("items[3].score.score")).isEqualTo(41);
    }

    @Test
    void shouldHandleOrIgnoreEveryEventScoringPublishes() {
        EventContracts.assertCovers(scoringConsumer.handlers(), "scoring-service");
    }
}
