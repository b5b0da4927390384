package io.leadstream.nurture.merges;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Events about a lead merged away that are consumed after capture's manual lead.merged (it travels under the
 * survivor's key, so it may overtake them) follow the lead to its survivor, on real PostgreSQL: an inquiry becomes an
 * activity on the survivor's timeline, a consent change lands on the survivor, a chain A → B → C resolves to C in
 * either order, distribution's and scoring's events are only entries of the survivor's timeline, the merged lead's
 * notices not mailed yet move to the survivor, and a lead nobody merged is untouched.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class MergedLeadsFlowTest {

    static final String MERGED = "leadstream.lead.merged.v1";
    static final String INQUIRED = "leadstream.lead.inquired.v1";
    static final String CONSENT = "leadstream.consent.changed.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    MergedLeads merges;

    NurtureLeads leads;
    InMemorySource<Message<String>> captureEvents;
    InMemorySource<Message<String>> distributionEvents;
    InMemorySource<Message<String>> scoringEvents;

    @BeforeEach
    void channels() {
        leads = new NurtureLeads(connector, pool);
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        scoringEvents = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
    }

    private void mergeInto(String survivor, String merged) {
        captureEvents.send(TestEvents.event(MERGED, survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"import","filledFields":[],
                 "mergedAt":"2026-12-02T08:15:00Z"}""".formatted(survivor, merged)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count(
                "select count(*) from merged_lead where merged_lead_id = $1", merged) == 1);
    }

    private String inquiry(String leadId) {
        String inquiryId = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event(INQUIRED, leadId, """
                {"inquiryId":"%s","leadId":"%s","channel":"call","newLead":false,"direction":"inbound",
                 "durationSeconds":60,"outcome":"answered","receivedAt":"2026-12-02T09:00:00Z"}"""
                .formatted(inquiryId, leadId)));
        return inquiryId;
    }

    private long inquiriesOn(String leadId, String inquiryId) {
        return leads.count("select count(*) from activity where lead_id = $1 and inquiry_id = '" + inquiryId
                + "'::uuid", leadId);
    }

    private UUID resolved(String leadId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache
                .withTransaction(() -> merges.resolve(UUID.fromString(leadId))));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldTurnAnInquiryOfAMergedAwayLeadIntoAnActivityOnTheSurvivorsTimeline() throws Throwable {
        String survivor = leads.openedFor("rep1");
        String merged = leads.openedFor("rep2");
        mergeInto(survivor, merged);

        String inquiryId = inquiry(merged);

        await().atMost(NurtureLeads.WAIT).until(() -> inquiriesOn(survivor, inquiryId) == 1);
        assertThat(inquiriesOn(merged, inquiryId)).isZero();
        List<Map<String, Object>> activities = given().get("/api/leads/" + survivor + "/timeline").then()
                .statusCode(200).extract().jsonPath().getList("items.findAll { it.type == 'ACTIVITY' }.activity");
        assertThat(activities).anySatisfy(a -> assertThat(a).containsEntry("source", "INQUIRY")
                .containsEntry("kind", "CALL"));
        // the merged-away lead still answers 404 everywhere
        given().get("/api/leads/" + merged + "/stage").then().statusCode(404);
        given().get("/api/leads/" + merged + "/timeline").then().statusCode(404);
        assertThat(resolved(merged)).isEqualTo(UUID.fromString(survivor));
        // and what was announced names the survivor
        await().atMost(NurtureLeads.WAIT).until(() -> leads.eventsFor(survivor).stream().anyMatch(m -> TestEvents
                .cloudEvent(m).getType().equals("leadstream.activity.logged.v1")));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLandAConsentChangeOfAMergedAwayLeadOnTheSurvivor() {
        String survivor = leads.openedFor("rep1");
        String merged = leads.openedFor("rep2");
        mergeInto(survivor, merged);

        captureEvents.send(TestEvents.event(CONSENT, merged, """
                {"leadId":"%s","purpose":"newsletter","channel":"email","status":"GRANTED","method":"web-form",
                 "recordedAt":"2026-12-02T09:30:00Z"}""".formatted(merged)));

        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from consent_state where "
                + "lead_id = $1 and purpose = 'newsletter' and channel = 'email'", survivor) == 1);
        assertThat(leads.count("select count(*) from consent_state where lead_id = $1", merged)).isZero();
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldFollowAChainOfMergesToItsEnd() throws Throwable {
        String a = leads.openedFor("rep1");
        String b = leads.openedFor("rep1");
        String c = leads.openedFor("rep1");
        mergeInto(b, a);
        mergeInto(c, b);

        assertThat(resolved(a)).isEqualTo(UUID.fromString(c));
        assertThat(resolved(b)).isEqualTo(UUID.fromString(c));
        String inquiryId = inquiry(a);
        await().atMost(NurtureLeads.WAIT).until(() -> inquiriesOn(c, inquiryId) == 1);
        assertThat(inquiriesOn(a, inquiryId) + inquiriesOn(b, inquiryId)).isZero();
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldFoldIntoTheEndOfTheChainWhenTheLaterMergeArrivesFirst() throws Throwable {
        String a = leads.openedFor("rep1");
        String b = leads.openedFor("rep1");
        String c = leads.openedFor("rep1");
        given().contentType(ContentType.JSON).body("{\"kind\":\"NOTE\",\"text\":\"from a\"}")
                .post("/api/leads/" + a + "/activities").then().statusCode(201);
        // capture merged A into B, then B into C; nurture consumes B → C first (another key, another partition)
        mergeInto(c, b);
        mergeInto(b, a);

        assertThat(resolved(a)).isEqualTo(UUID.fromString(c));
        assertThat(leads.count("select count(*) from activity where lead_id = $1 and text = 'from a'", c))
                .isEqualTo(1);
        assertThat(leads.count("select count(*) from activity where lead_id = $1", a)
                + leads.count("select count(*) from activity where lead_id = $1", b)).isZero();
        given().get("/api/leads/" + a + "/stage").then().statusCode(404);
        given().get("/api/leads/" + b + "/stage").then().statusCode(404);
        given().get("/api/leads/" + c + "/stage").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLeaveALeadNobodyMergedAlone() throws Throwable {
        String survivor = leads.openedFor("rep1");
        String merged = leads.openedFor("rep2");
        String unrelated = leads.openedFor("rep3");
        mergeInto(survivor, merged);

        String inquiryId = inquiry(unrelated);

        await().atMost(NurtureLeads.WAIT).until(() -> inquiriesOn(unrelated, inquiryId) == 1);
        assertThat(inquiriesOn(survivor, inquiryId)).isZero();
        assertThat(resolved(unrelated)).isEqualTo(UUID.fromString(unrelated));
        given().get("/api/leads/" + unrelated + "/stage").then().statusCode(200)
                .body("owner", org.hamcrest.Matchers.equalTo("rep3"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldOnlyPutDistributionsAndScoringsLateEventsOnTheSurvivorsTimeline() {
        String survivor = leads.openedFor("rep1");
        String merged = leads.openedFor("rep2");
        mergeInto(survivor, merged);

        distributionEvents.send(TestEvents.event("leadstream.lead.reassigned.v1", merged, """
                {"leadId":"%s","repId":"rep4","previousRepId":"rep2","strategy":"MANUAL","trigger":"MANUAL",
                 "reason":"by manager","reassignedAt":"2026-12-01T12:00:00Z"}""".formatted(merged)));
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", merged, """
                {"leadId":"%s","score":91,"grade":"A","fit":40,"engagement":40,"dataQuality":11,"model":null,
                 "reasonCodes":[],"reasons":[],"qualified":true,"qualifiedAt":null,"modelVersion":"rules-v1",
                 "rulesVersion":1,"trigger":"lead.updated","scoredAt":"2026-12-01T12:30:00Z"}""".formatted(merged)));

        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from lead_history where "
                + "lead_id = $1 and kind in ('REASSIGNED', 'SCORED')", survivor) == 2);
        assertThat(leads.count("select count(*) from lead_history where lead_id = $1", merged)).isZero();
        // the survivor keeps its own rep; no notice tells rep4 about a lead that is gone; the merged lead stays out
        given().get("/api/leads/" + survivor + "/stage").then().statusCode(200)
                .body("owner", org.hamcrest.Matchers.equalTo("rep1"));
        assertThat(leads.count("select count(*) from notice where lead_id = $1 and recipient = 'rep4'", merged)
                + leads.count("select count(*) from notice where lead_id = $1 and recipient = 'rep4'", survivor))
                .isZero();
        assertThat(leads.count("select count(*) from lead_stage where lead_id = $1", merged)).isZero();
    }

    @Test
    void shouldMoveTheMergedLeadsNoticesNotMailedYetToTheSurvivor() {
        String survivor = leads.openedFor("rep1");
        String merged = leads.openedFor("rep2"); // lead.assigned: a notice to rep2, not mailed yet
        distributionEvents.send(TestEvents.event("leadstream.sla.breached.v1", merged, """
                {"leadId":"%s","repId":"rep2","kind":"FIRST_TOUCH","step":"REMIND","managerId":null,
                 "reassignedTo":null,"breachedAt":"2026-12-01T11:00:00Z"}""".formatted(merged)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count(
                "select count(*) from notice where lead_id = $1", merged) == 2);
        pool.preparedQuery("update notice set mailed_at = now() where lead_id = $1 and kind = 'ASSIGNED'")
                .execute(Tuple.of(UUID.fromString(merged))).await().atMost(NurtureLeads.WAIT);

        mergeInto(survivor, merged);

        // the reminder not mailed yet now names the survivor; the assignment mail went out as it was
        assertThat(leads.count("select count(*) from notice where lead_id = $1 and recipient = 'rep2' "
                + "and kind = 'SLA_MISSED' and mailed_at is null", survivor)).isEqualTo(1);
        assertThat(leads.count("select count(*) from notice where lead_id = $1 and kind = 'ASSIGNED' "
                + "and mailed_at is not null", merged)).isEqualTo(1);
        assertThat(leads.count("select count(*) from notice where lead_id = $1 and mailed_at is null", merged))
                .isZero();
    }
}
