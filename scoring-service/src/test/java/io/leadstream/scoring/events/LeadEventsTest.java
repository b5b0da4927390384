package io.leadstream.scoring.events;

import static io.leadstream.scoring.ScoringFixture.WAIT;
import static io.leadstream.scoring.ScoringFixture.captured;
import static io.leadstream.scoring.ScoringFixture.count;
import static io.leadstream.scoring.ScoringFixture.updated;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.scoring.ScoringFixture;
import io.leadstream.scoring.scores.LeadScored;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** Every event scoring receives, through its consumers, to the score the API shows and the lead.scored it announces. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager", roles = "sales-manager")
class LeadEventsTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    CaptureEventsConsumer captureConsumer;
    @Inject
    DistributionEventsConsumer distributionConsumer;
    @Inject
    NurtureEventsConsumer nurtureConsumer;

    ScoringFixture events;

    @BeforeEach
    void channels() {
        events = new ScoringFixture(connector);
    }

    JsonNode json(String payload) throws Exception {
        return mapper.readTree(payload);
    }

    @Test
    void shouldScoreACapturedLeadWithReasonsThatAddUpAndAnnounceThem() throws Exception {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);

        JsonNode scored = json(events.awaitScored(leadId, 1));
        EventContracts.assertPublishes(LeadScored.class, mapper.treeToValue(scored, LeadScored.class));
        assertThat(scored.get("score").asInt()).isEqualTo(53); // data quality 40, fit 13 (direct 8, product 5)
        assertThat(scored.get("trigger").asText()).isEqualTo("lead.captured");
        assertThat(scored.get("qualified").asBoolean()).isFalse();

        given().get("/api/scores/" + leadId).then().statusCode(200)
                .body("score", equalTo(53)).body("grade", equalTo("B"))
                .body("dataQuality", equalTo(40)).body("fit", equalTo(13)).body("engagement", equalTo(0))
                .body("reasons.find { it.code == 'EMAIL_CORPORATE' }.part", equalTo("DATA_QUALITY"))
                .body("reasons.find { it.code == 'EMAIL_CORPORATE' }.points", equalTo(7))
                .body("reasons.find { it.code == 'EMAIL_CORPORATE' }.detail", equalTo("corporate email domain"))
                .body("reasons.points.sum()", equalTo(53))
                .body("modelVersion", equalTo("rules-v1")).body("rulesVersion", equalTo(1));
    }

    @Test
    void shouldRescoreOnEveryUpdateAndAnnounceOnlyWhenTheScoreMoved() throws Exception {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.awaitScored(leadId, 1);

        events.capture("lead.updated", leadId, updated(leadId, "CTO", "CORPORATE"));
        JsonNode rescored = json(events.awaitScored(leadId, 2));
        assertThat(rescored.get("score").asInt()).isEqualTo(63);
        assertThat(rescored.get("trigger").asText()).isEqualTo("lead.updated");
        assertThat(rescored.get("reasonCodes").toString()).contains("DECISION_MAKER");

        // the same state again (say, a changed email of the same kind): no new score, no event
        events.capture("lead.updated", leadId, updated(leadId, "CTO", "CORPORATE"));
        events.drain();
        assertThat(events.scored(leadId)).hasSize(2);

        given().get("/api/scores/" + leadId + "/history").then().statusCode(200)
                .body("changes.trigger", contains("lead.captured", "lead.updated"))
                .body("changes.score", contains(53, 63));
    }

    @Test
    void shouldCountInquiriesAsRecentEngagement() throws Exception {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.awaitScored(leadId, 1);

        events.inquiry(leadId);
        JsonNode scored = json(events.awaitScored(leadId, 2));
        assertThat(scored.get("engagement").asInt()).isEqualTo(8);
        assertThat(scored.get("trigger").asText()).isEqualTo("lead.inquired");
        given().get("/api/scores/" + leadId).then()
                .body("reasons.find { it.code == 'INQUIRY' }.detail", equalTo("1 inquiry, the latest today"));
    }

    @Test
    void shouldQualifyOnceAndNoteAFallBelowTheThresholdWithoutUnqualifying() throws Exception {
        String leadId = UUID.randomUUID().toString();
        events.capture("lead.captured", leadId, captured(leadId, null).replace("\"Engineer\"", "\"CTO\""));
        JsonNode first = json(events.awaitScored(leadId, 1));
        assertThat(first.get("score").asInt()).isEqualTo(63);
        assertThat(first.get("qualified").asBoolean()).isTrue();
        String qualifiedAt = first.get("qualifiedAt").asText();

        events.capture("lead.updated", leadId, updated(leadId, "CTO", "DISPOSABLE"));
        JsonNode dropped = json(events.awaitScored(leadId, 2));
        assertThat(dropped.get("score").asInt()).isEqualTo(36);
        assertThat(dropped.get("qualified").asBoolean()).isTrue();
        assertThat(dropped.get("qualifiedAt").asText()).isEqualTo(qualifiedAt);

        given().get("/api/scores/" + leadId + "/history").then()
                .body("changes[0].note", equalTo("qualified: reached the threshold of 60"))
                .body("changes[1].note", org.hamcrest.Matchers.startsWith("fell below the qualification threshold of 60"));
    }

    @Test
    void shouldFoldAManualMergeIntoTheSurvivorAndRetireTheMergedLeadsScore() throws Exception {
        String survivor = UUID.randomUUID().toString();
        String merged = UUID.randomUUID().toString();
        events.capture(survivor);
        events.capture(merged);
        events.inquiry(merged);
        events.awaitScored(merged, 2);
        events.awaitScored(survivor, 1);

        events.capture("lead.merged", survivor, """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2026-11-24T10:00:00Z"}""".formatted(survivor, merged));
        JsonNode rescored = json(events.awaitScored(survivor, 2));
        assertThat(rescored.get("trigger").asText()).isEqualTo("lead.merged");
        assertThat(rescored.get("engagement").asInt()).as("the merged lead's inquiry counts for the survivor").isEqualTo(8);

        given().get("/api/scores/" + merged).then().statusCode(410).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(survivor));
        given().get("/api/scores/" + survivor + "/history").then().body("changes.trigger", hasItem("lead.merged"));
    }

    @Test
    void shouldCountASubmissionMergeAsEngagementAndTakeTheSurvivorsNewState() throws Exception {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.awaitScored(leadId, 1);
        events.capture("lead.merged", leadId, """
                {"leadId":"%s","kind":"SUBMISSION","matchedOn":"EMAIL","source":"web","filledFields":["address"],
                 "survivor":{"company":"Analytical Engines Ltd","country":"GB","jobTitle":"Engineer","language":"en",
                   "products":["heat-pumps"],"segment":"smb","tags":[],"dealSize":null,"campaign":null,"utm":null,
                   "customQualifiers":{},
                   "quality":{"emailValid":true,"emailDomainKind":"CORPORATE","phoneValid":true,"phoneType":"MOBILE",
                     "phoneCountry":"GB","hasCompany":true,"nameLooksReal":true,"addressComplete":true,
                     "postcodeValid":true}},
                 "mergedAt":"%s"}""".formatted(leadId, java.time.Instant.now()));
        JsonNode scored = json(events.awaitScored(leadId, 2));
        assertThat(scored.get("engagement").asInt()).isEqualTo(6);
        assertThat(scored.get("dataQuality").asInt()).as("the address the submission filled in counts").isEqualTo(48);
        assertThat(scored.get("reasonCodes").toString()).contains("RESUBMISSION", "ADDRESS_COMPLETE", "POSTCODE_VALID");
    }

    @Test
    void shouldForgetEverythingAboutAnErasedLead() {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.inquiry(leadId);
        events.awaitScored(leadId, 2);

        events.capture("lead.erased", leadId, "{\"leadId\":\"%s\",\"erasedAt\":\"2026-12-01T12:00:00Z\"}".formatted(leadId));
        events.drain();

        given().get("/api/scores/" + leadId).then().statusCode(404);
        given().get("/api/scores/" + leadId + "/history").then().statusCode(404);
        UUID id = UUID.fromString(leadId);
        assertThat(count("select count(*) from lead_profile where lead_id = ?", id)
                + count("select count(*) from engagement_signal where lead_id = ?", id)
                + count("select count(*) from lead_score where lead_id = ?", id)
                + count("select count(*) from score_history where lead_id = ?", id)).isZero();
    }

    @Test
    void shouldLearnStageProgressAndOutcomesFromNurture() throws Exception {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.awaitScored(leadId, 1);

        events.stage(leadId, "OPEN", "NEGOTIATION");
        JsonNode scored = json(events.awaitScored(leadId, 2));
        assertThat(scored.get("trigger").asText()).isEqualTo("lead.stage-changed");
        assertThat(scored.get("engagement").asInt()).isEqualTo(15);

        events.stage(leadId, "NEGOTIATION", "CUSTOMER");
        await().atMost(WAIT).until(() -> count("select count(*) from lead_profile where lead_id = ? and outcome = 'WON'",
                UUID.fromString(leadId)) == 1);
    }

    @Test
    void shouldCountLoggedActivitiesAndAboveAllRepliesAsEngagement() throws Exception {
        String leadId = UUID.randomUUID().toString();
        events.capture(leadId);
        events.awaitScored(leadId, 1);

        events.activity(leadId, "CALL", "OUTBOUND", null);
        JsonNode called = json(events.awaitScored(leadId, 2));
        assertThat(called.get("trigger").asText()).isEqualTo("activity.logged");
        assertThat(called.get("engagement").asInt()).isEqualTo(3);

        events.activity(leadId, "EMAIL", "INBOUND", UUID.randomUUID().toString());
        JsonNode replied = json(events.awaitScored(leadId, 3));
        assertThat(replied.get("engagement").asInt()).isEqualTo(3 + 10);
        given().get("/api/scores/" + leadId).then()
                .body("reasons.find { it.code == 'MESSAGE_REPLIED' }.detail", equalTo("replied to 1 message, the latest today"))
                .body("reasons.find { it.code == 'ACTIVITY' }.detail", equalTo("1 activity, the latest today"));
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldLetTheNewRepAndNoLongerThePreviousOneReadTheScoreOfAReassignedLead() {
        String leadId = UUID.randomUUID().toString();
        UUID id = UUID.fromString(leadId);
        events.capture(leadId);
        events.awaitScored(leadId, 1);
        events.assign(leadId, "rep1");
        await().atMost(WAIT).until(() -> count("select count(*) from lead_profile where lead_id = ? and owner = 'rep1'",
                id) == 1);
        given().get("/api/scores/" + leadId).then().statusCode(404);

        events.reassign(leadId, "rep1", "rep2");

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/scores/" + leadId).then().statusCode(200)
                .body("score", equalTo(53)));
        given().get("/api/scores/" + leadId + "/history").then().statusCode(200).body("changes.score", contains(53));
        assertThat(count("select count(*) from lead_profile where lead_id = ? and owner = 'rep1'", id))
                .as("the previous rep no longer owns it").isZero();
        events.drain();
        assertThat(events.scored(leadId)).as("a reassignment does not re-score").hasSize(1);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldNoLongerLetTheRepReadTheScoreOfALeadSharedWithAPartner() {
        String leadId = UUID.randomUUID().toString();
        UUID id = UUID.fromString(leadId);
        events.capture(leadId);
        events.awaitScored(leadId, 1);
        events.assign(leadId, "rep1");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/scores/" + leadId).then().statusCode(200));

        events.share(leadId);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/scores/" + leadId).then().statusCode(404));
        assertThat(count("select count(*) from lead_profile where lead_id = ? and owner is null", id)).isOne();
        events.drain();
        assertThat(events.scored(leadId)).as("a share does not re-score").hasSize(1);
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldLetTheRepWhoClaimedALeadFromAQueueReadItsScore() {
        String leadId = UUID.randomUUID().toString();
        UUID id = UUID.fromString(leadId);
        events.capture(leadId);
        events.awaitScored(leadId, 1);
        events.queue(leadId);
        given().get("/api/scores/" + leadId).then().statusCode(404);

        events.claim(leadId, "rep2");

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/scores/" + leadId).then().statusCode(200)
                .body("score", equalTo(53)));
        given().get("/api/scores/" + leadId + "/history").then().statusCode(200).body("changes.score", contains(53));
        assertThat(count("select count(*) from lead_profile where lead_id = ? and owner = 'rep2'", id)).isOne();
        events.drain();
        assertThat(events.scored(leadId)).as("neither queueing nor a claim re-scores").hasSize(1);
    }

    @Test
    void shouldApplyARedeliveredEventOnlyOnce() {
        String leadId = UUID.randomUUID().toString();
        String ceId = UUID.randomUUID().toString();
        events.capture.send(TestEvents.event(ceId, "leadstream.lead.captured.v1", leadId, captured(leadId, null)));
        events.awaitScored(leadId, 1);
        events.inquiry(leadId);
        events.awaitScored(leadId, 2);

        events.capture.send(TestEvents.event(ceId, "leadstream.lead.captured.v1", leadId, captured(leadId, null)));
        events.drain();
        assertThat(events.scored(leadId)).hasSize(2);
        given().get("/api/scores/" + leadId + "/history").then().body("changes", org.hamcrest.Matchers.hasSize(2));
    }

    @Test
    void shouldHandleOrIgnoreEveryEventItsProducersPublish() {
        EventContracts.assertCovers(captureConsumer.handlers(), "capture-service");
        EventContracts.assertCovers(distributionConsumer.handlers(), "distribution-service");
        EventContracts.assertCovers(nurtureConsumer.handlers(), "nurture-service");
    }

    @Test
    void shouldTellWhatIsMissing() {
        given().get("/api/scores/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("detail", notNullValue());
    }

}
