package io.leadstream.nurture.followups.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.nurture.TestClocks;
import io.leadstream.nurture.followups.FollowUpCompleted;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Follow-ups over HTTP on a real PostgreSQL: scheduling, access, the due / overdue / done lists, completion, erasure. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class FollowUpFlowTest {

    static final String COMPLETED = "leadstream.follow-up.completed.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    NurtureLeads leads;
    InMemorySource<Message<String>> captureEvents;

    @BeforeEach
    void channels() {
        leads = new NurtureLeads(connector, pool);
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
    }

    @AfterEach
    void realTime() {
        TestClocks.CLOCK.reset();
    }

    static Response schedule(String leadId, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/leads/" + leadId + "/follow-ups");
    }

    static Response complete(String id, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/follow-ups/" + id + "/complete");
    }

    private long count(String sql, String leadId) {
        return leads.count(sql, leadId);
    }

    private List<JsonNode> published(String leadId, String type) {
        return leads.eventsFor(leadId).stream()
                .filter(m -> type.equals(TestEvents.cloudEvent(m).getType()))
                .map(m -> {
                    try {
                        return mapper.readTree(m.getPayload());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldScheduleAFollowUpInTheGivenTimeZoneAndShowItBack() {
        String leadId = leads.openedFor("rep1");
        String location = schedule(leadId, """
                {"dueAt":"2026-12-04T10:00","timeZone":"Europe/Berlin","note":"ask Ada about the second site"}""")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/follow-ups/[0-9a-f-]{36}$"))
                .body("leadId", equalTo(leadId))
                .body("owner", equalTo("rep1"))
                .body("dueAt", equalTo("2026-12-04T09:00:00Z"))
                .body("dueLocal", equalTo("2026-12-04T10:00:00"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("note", equalTo("ask Ada about the second site"))
                .body("createdBy", equalTo("rep1"))
                .body("completedAt", nullValue())
                .extract().header("Location");
        given().get(location).then().statusCode(200)
                .body("dueLocal", equalTo("2026-12-04T10:00:00"))
                .body("note", equalTo("ask Ada about the second site"));

        // an instant with an offset is taken as it is; without a zone (and no zoneinfo in the token) it shows in UTC
        schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00:00+01:00\",\"note\":\"call back\"}").then().statusCode(201)
                .body("dueAt", equalTo("2026-12-04T09:00:00Z"))
                .body("dueLocal", equalTo("2026-12-04T09:00:00"))
                .body("timeZone", equalTo("UTC"));
        // a time the clocks skip (Berlin, spring forward) moves later by the gap
        schedule(leadId, "{\"dueAt\":\"2026-03-29T02:30\",\"timeZone\":\"Europe/Berlin\",\"note\":\"early\"}")
                .then().statusCode(201)
                .body("dueAt", equalTo("2026-03-29T01:30:00Z"))
                .body("dueLocal", equalTo("2026-03-29T03:30:00"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    @OidcSecurity(claims = @Claim(key = "zoneinfo", value = "America/New_York"))
    void shouldTakeTheZoneFromTheTokensZoneinfoClaim() {
        String leadId = leads.openedFor("rep1");
        schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"call before lunch\"}").then().statusCode(201)
                .body("timeZone", equalTo("America/New_York"))
                .body("dueAt", equalTo("2026-12-04T15:00:00Z"));
        schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00\",\"timeZone\":\"Asia/Tokyo\",\"note\":\"the zone given wins\"}")
                .then().statusCode(201)
                .body("timeZone", equalTo("Asia/Tokyo"))
                .body("dueAt", equalTo("2026-12-04T01:00:00Z"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNameEveryOffendingField() {
        String leadId = leads.openedFor("rep1");
        schedule(leadId, "{\"dueAt\":\"next tuesday\",\"timeZone\":\"Mars/Olympus\"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors.field", hasItems("dueAt", "timeZone", "note"));
        schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"" + "x".repeat(2001) + "\"}").then()
                .statusCode(400).body("errors.field", equalTo(List.of("note")));
        schedule(leadId, "{\"dueAt\":42,\"note\":[1]}").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).post("/api/leads/" + leadId + "/follow-ups").then().statusCode(400)
                .body("errors.field", hasItems("dueAt", "note"));
        given().get("/api/follow-ups?state=someday").then().statusCode(400).body("errors.field", hasItems("state"));
        given().get("/api/follow-ups?limit=0").then().statusCode(400).body("errors.field", hasItems("limit"));
        given().get("/api/follow-ups?cursor=nonsense").then().statusCode(400).body("errors.field", hasItems("cursor"));
        assertThat(count("select count(*) from follow_up where lead_id = $1", leadId)).isZero();
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldKeepARepToTheirOwnLeadsAndFollowUps() {
        String others = leads.openedFor("rep1");
        schedule(others, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"not mine\"}").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
        schedule(UUID.randomUUID().toString(), "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"who?\"}").then()
                .statusCode(404);
        String mine = leads.openedFor("rep2");
        schedule(mine, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"for rep3\",\"owner\":\"rep3\"}").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/follow-up-owner-not-allowed"));
        given().get("/api/follow-ups?owner=rep1").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/follow-up-list-not-allowed"));
        assertThat(count("select count(*) from follow_up where lead_id = $1", others)).isZero();
        assertThat(count("select count(*) from follow_up where lead_id = $1", mine)).isZero();

        // a follow-up of rep1's is as unknown to rep2 as one that does not exist
        String rep1s = insertFollowUp(others, "rep1");
        given().get("/api/follow-ups/" + rep1s).then().statusCode(404).contentType("application/problem+json");
        complete(rep1s, "{\"outcome\":\"sneaky\"}").then().statusCode(404);
        given().get("/api/follow-ups/" + UUID.randomUUID()).then().statusCode(404);
        assertThat(count("select count(*) from follow_up where lead_id = $1 and completed_at is null", others)).isOne();
    }

    /** A follow-up of {@code owner}'s on the lead, written as rep1 would have scheduled it. */
    private String insertFollowUp(String leadId, String owner) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into follow_up (id, lead_id, owner, due_at, time_zone, note, created_by, created_at) "
                + "values ($1, $2, $3, now(), 'UTC', 'a note', $3, now())")
                .execute(Tuple.of(id, UUID.fromString(leadId), owner))
                .await().atMost(NurtureLeads.WAIT);
        return id.toString();
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetAManagerScheduleForTheLeadsOwnerOrAnotherRep() {
        String leadId = leads.openedFor("rep1");
        schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"check on rep1's lead\"}").then().statusCode(201)
                .body("owner", equalTo("rep1"))
                .body("createdBy", equalTo("manager"));
        schedule(leadId, "{\"dueAt\":\"2026-12-04T11:00\",\"note\":\"rep2 covers\",\"owner\":\"rep2\"}").then()
                .statusCode(201).body("owner", equalTo("rep2"));
        schedule(leadId, "{\"dueAt\":\"2026-12-04T11:00\",\"note\":\"bad owner\",\"owner\":\"a b\"}").then()
                .statusCode(400).body("errors.field", equalTo(List.of("owner")));
    }

    @Test
    @TestSecurity(user = "listrep", roles = "sales-rep")
    void shouldListDueOverdueAndDoneByDueTimeAsTheClockMoves() {
        TestClocks.CLOCK.set(Instant.parse("2026-12-04T08:00:00Z"));
        String leadId = leads.openedFor("listrep");
        String late = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T07:00:00Z\",\"note\":\"was due an hour ago\"}"));
        String nine = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T09:00:00Z\",\"note\":\"nine\"}"));
        String ten = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00:00Z\",\"note\":\"ten\"}"));
        String eleven = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T11:00:00Z\",\"note\":\"eleven\"}"));
        String done = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T08:30:00Z\",\"note\":\"done early\"}"));
        complete(done, "{\"outcome\":\"spoke already\"}").then().statusCode(200).body("state", equalTo("DONE"));

        given().get("/api/follow-ups").then().statusCode(200)
                .body("owner", equalTo("listrep"))
                .body("state", equalTo("DUE"))
                .body("items.followUpId", equalTo(List.of(nine, ten, eleven)))
                .body("items.state", equalTo(List.of("DUE", "DUE", "DUE")));
        given().get("/api/follow-ups?owner=me&state=overdue").then().statusCode(200)
                .body("items.followUpId", equalTo(List.of(late)))
                .body("items[0].state", equalTo("OVERDUE"));
        given().get("/api/follow-ups?owner=listrep&state=done").then().statusCode(200)
                .body("items.followUpId", equalTo(List.of(done)))
                .body("items[0].outcome", equalTo("spoke already"));

        // keyset pages, by due time
        Response first = given().get("/api/follow-ups?state=due&limit=2");
        first.then().statusCode(200).body("items.followUpId", equalTo(List.of(nine, ten)))
                .body("nextCursor", notNullValue());
        given().queryParam("state", "due").queryParam("limit", 2).queryParam("cursor", (String) first.path("nextCursor"))
                .get("/api/follow-ups").then().statusCode(200)
                .body("items.followUpId", equalTo(List.of(eleven)))
                .body("nextCursor", nullValue());

        // later that morning the nine and ten o'clock ones are overdue (the boundary itself: FollowUpStateTest)
        TestClocks.CLOCK.set(Instant.parse("2026-12-04T09:00:00Z"));
        TestClocks.CLOCK.advance(Duration.ofMinutes(90));
        given().get("/api/follow-ups?state=overdue").then().statusCode(200)
                .body("items.followUpId", equalTo(List.of(late, nine, ten)));
        given().get("/api/follow-ups?state=due").then().statusCode(200)
                .body("items.followUpId", equalTo(List.of(eleven)));
        given().get("/api/follow-ups/" + nine).then().statusCode(200).body("state", equalTo("OVERDUE"));
    }

    private static String id(Response created) {
        return created.then().statusCode(201).extract().path("followUpId");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetAManagerListARepsFollowUps() {
        String rep = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        String leadId = leads.openedFor(rep);
        String id = id(schedule(leadId, "{\"dueAt\":\"2099-01-01T10:00\",\"note\":\"far ahead\"}"));
        given().get("/api/follow-ups?owner=" + rep).then().statusCode(200)
                .body("owner", equalTo(rep))
                .body("items.followUpId", equalTo(List.of(id)));
        given().get("/api/follow-ups").then().statusCode(200).body("owner", equalTo("manager"))
                .body("items", hasSize(0));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldCompleteOnceWithAnOutcomeAndPublishNoWords() throws Exception {
        String leadId = leads.openedFor("rep1");
        String id = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"ask Ada about the second site\"}"));
        complete(id, "{}").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("outcome")));
        complete(id, "{\"outcome\":\"" + "y".repeat(2001) + "\"}").then().statusCode(400)
                .body("errors.field", equalTo(List.of("outcome")));
        complete(id, "{\"outcome\":\"Ada wants a quote for both sites\"}").then().statusCode(200)
                .body("state", equalTo("DONE"))
                .body("outcome", equalTo("Ada wants a quote for both sites"))
                .body("completedBy", equalTo("rep1"))
                .body("completedAt", notNullValue());
        complete(id, "{\"outcome\":\"again\"}").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/follow-up-completed"));
        given().get("/api/follow-ups/" + id).then().statusCode(200).body("outcome",
                equalTo("Ada wants a quote for both sites"));

        List<JsonNode> events = await().atMost(NurtureLeads.WAIT).until(() -> published(leadId, COMPLETED),
                list -> !list.isEmpty());
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("followUpId").asText()).isEqualTo(id);
        assertThat(event.path("owner").asText()).isEqualTo("rep1");
        assertThat(event.path("completedBy").asText()).isEqualTo("rep1");
        assertThat(event.path("dueAt").asText()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(event.toString()).doesNotContain("Ada", "second site", "quote");
        EventContracts.assertPublishes(FollowUpCompleted.class, mapper.treeToValue(event, FollowUpCompleted.class));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldDeleteAnErasedLeadsFollowUps() {
        String leadId = leads.openedFor("rep1");
        String id = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"Ada's husband picks up\"}"));
        String other = leads.openedFor("rep1");
        schedule(other, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"stays\"}").then().statusCode(201);

        captureEvents.send(TestEvents.event("leadstream.lead.erased.v1", leadId,
                "{\"leadId\":\"" + leadId + "\",\"erasedAt\":\"" + Instant.now() + "\"}"));

        await().atMost(NurtureLeads.WAIT).until(() -> count("select count(*) from follow_up where lead_id = $1",
                leadId) == 0);
        given().get("/api/follow-ups/" + id).then().statusCode(404);
        assertThat(count("select count(*) from follow_up where lead_id = $1", other)).isOne();
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldMoveAManuallyMergedLeadsFollowUpsToTheSurvivor() {
        String survivor = leads.openedFor("rep1");
        String merged = leads.openedFor("rep2");
        String kept = id(schedule(survivor, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"survivor's\"}"));
        String moved = id(schedule(merged, "{\"dueAt\":\"2026-12-05T10:00\",\"note\":\"merged one's\"}"));

        // a SUBMISSION merge moves nothing
        captureEvents.send(TestEvents.event("leadstream.lead.merged.v1", survivor, """
                {"leadId":"%s","kind":"SUBMISSION","matchedOn":"EMAIL","source":"web","filledFields":[],
                 "mergedAt":"2026-12-02T08:00:00Z"}""".formatted(survivor)));
        captureEvents.send(TestEvents.event("leadstream.lead.merged.v1", survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"import","filledFields":[],
                 "mergedAt":"2026-12-02T08:15:00Z"}""".formatted(survivor, merged)));

        await().atMost(NurtureLeads.WAIT).until(() -> count("select count(*) from follow_up where lead_id = $1",
                merged) == 0);
        assertThat(count("select count(*) from follow_up where lead_id = $1", survivor)).isEqualTo(2);
        given().get("/api/follow-ups/" + moved).then().statusCode(200)
                .body("leadId", equalTo(survivor))
                .body("owner", equalTo("rep2"))
                .body("note", equalTo("merged one's"));
        given().get("/api/follow-ups/" + kept).then().statusCode(200).body("leadId", equalTo(survivor));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldHandTheOldRepsOpenFollowUpsToTheNewRepOnAReassignment() {
        String leadId = leads.openedFor("rep1");
        String open = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"call back\"}"));
        String done = id(schedule(leadId, "{\"dueAt\":\"2026-12-03T10:00\",\"note\":\"first call\"}"));
        complete(done, "{\"outcome\":\"called\"}").then().statusCode(200);
        String covering = id(schedule(leadId, "{\"dueAt\":\"2026-12-04T11:00\",\"note\":\"cover\",\"owner\":\"rep3\"}"));
        // the open one was reminded of, and the email went to rep1
        pool.preparedQuery("update follow_up set reminded_at = now(), reminder_mailed_at = now(), "
                + "reminder_mail_tries = 1 where id = $1").execute(Tuple.of(UUID.fromString(open)))
                .await().atMost(NurtureLeads.WAIT);

        connector.<Message<String>>source("distribution-events").runOnVertxContext(true)
                .send(TestEvents.event("leadstream.lead.reassigned.v1", leadId, """
                        {"leadId":"%s","repId":"rep2","previousRepId":"rep1","strategy":"ROUND_ROBIN",
                         "trigger":"MANUAL","reason":"holiday","reassignedAt":"2026-12-03T09:00:00Z"}"""
                        .formatted(leadId)));

        await().atMost(NurtureLeads.WAIT).untilAsserted(() -> given().get("/api/follow-ups/" + open).then()
                .body("owner", equalTo("rep2")));
        given().get("/api/follow-ups/" + done).then().body("owner", equalTo("rep1"));
        given().get("/api/follow-ups/" + covering).then().body("owner", equalTo("rep3"));
        // the new owner is mailed by the next reminder pass
        assertThat(count("select count(*) from follow_up where lead_id = $1 and reminder_mailed_at is null "
                + "and reminded_at is not null and owner = 'rep2'", leadId)).isOne();
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().get("/api/follow-ups").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldRefuseIntegrationsWith403Problem() {
        schedule(UUID.randomUUID().toString(), "{\"dueAt\":\"2026-12-04T10:00\",\"note\":\"x\"}").then()
                .statusCode(403).contentType("application/problem+json");
    }
}
