package io.leadstream.capture.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.testing.Assignments;
import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * A sales rep sees only the leads distribution-service assigned to them (lead.assigned → lead_owner) or they claimed
 * from a pull queue (lead.claimed → lead_owner), and loses a lead distribution moved to another rep (lead.reassigned →
 * lead_owner) or shared with a partner company (lead.shared).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RepVisibilityTest {

    @Inject
    DistributionEventsConsumer consumer;
    @Inject
    Assignments assignments;

    private static String capture(String source) {
        return given().contentType("application/json")
                .body("""
                        {"firstName":"Grace","lastName":"Hopper","email":"%s@visibility.example","source":"%s"}"""
                        .formatted(UUID.randomUUID(), source))
                .post("/api/leads").then().statusCode(201).extract().path("id");
    }

    private void assign(String leadId, String repId, String assignedAt) {
        assignments.assign(leadId, repId, assignedAt);
    }

    @Test
    void shouldHandleOrIgnoreEveryEventDistributionPublishes() {
        EventContracts.assertCovers(consumer.handlers(), "distribution-service");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldShowARepOnlyTheLeadsAssignedToThem() throws Exception {
        String source = "vis-" + UUID.randomUUID().toString().substring(0, 8);
        String mine = capture(source);
        String theirs = capture(source);
        String unassigned = capture(source);
        assign(mine, "rep1", "2026-11-22T10:00:00Z");
        assign(theirs, "rep2", "2026-11-22T10:00:00Z");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + mine)
                .then().statusCode(200).body("id", equalTo(mine)));
        given().get("/api/leads/" + theirs).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/leads/" + unassigned).then().statusCode(404);
        given().get("/api/leads/" + theirs + "/consents").then().statusCode(404);
        given().contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED","proof":{"method":"verbal","source":"call"}}""")
                .post("/api/leads/" + theirs + "/consents").then().statusCode(404);
        String notFound = given().get("/api/leads/" + theirs).then().extract().path("title");
        assertThat(notFound).isEqualTo(given().get("/api/leads/" + UUID.randomUUID()).then().statusCode(404)
                .extract().<String>path("title"));
        given().get("/api/leads/" + mine + "/consents").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> found = given().queryParam("source", source).get("/api/leads")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            assertThat(found).containsExactly(mine);
        });
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldFollowReassignmentsButNotAnOlderAssignmentArrivingLate() throws Exception {
        String lead = capture("vis-reassign");
        assign(lead, "rep1", "2026-11-22T10:00:00Z");
        assign(lead, "rep2", "2026-11-22T11:00:00Z");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + lead)
                .then().statusCode(200));

        assign(lead, "rep3", "2026-11-22T09:00:00Z");
        String marker = capture("vis-reassign");
        assign(marker, "rep2", "2026-11-22T12:00:00Z");
        // the marker was sent after the stale event on the same channel: once it shows, the stale one was handled
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + marker)
                .then().statusCode(200));

        given().get("/api/leads/" + lead).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldShowAReassignedLeadToTheRepItWasMovedTo() {
        String source = "vis-" + UUID.randomUUID().toString().substring(0, 8);
        String lead = capture(source);
        assign(lead, "rep1", "2026-11-22T10:00:00Z");
        String marker = capture(source);
        assign(marker, "rep2", "2026-11-22T10:00:00Z");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + marker)
                .then().statusCode(200));
        given().get("/api/leads/" + lead).then().statusCode(404);

        assignments.reassign(lead, "rep1", "rep2", "2026-11-23T08:30:00Z");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + lead)
                .then().statusCode(200).body("id", equalTo(lead)));
        given().get("/api/leads/" + lead + "/consents").then().statusCode(200);
        List<String> found = given().queryParam("source", source).get("/api/leads")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(found).containsExactlyInAnyOrder(lead, marker);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldHideAReassignedLeadFromTheRepItWasMovedAwayFrom() {
        String source = "vis-" + UUID.randomUUID().toString().substring(0, 8);
        String lead = capture(source);
        String kept = capture(source);
        assign(lead, "rep1", "2026-11-22T10:00:00Z");
        assign(kept, "rep1", "2026-11-22T10:00:00Z");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + lead)
                .then().statusCode(200));

        assignments.reassign(lead, "rep1", "rep2", "2026-11-23T08:30:00Z");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + lead)
                .then().statusCode(404).contentType("application/problem+json"));
        given().get("/api/leads/" + lead + "/consents").then().statusCode(404);
        List<String> found = given().queryParam("source", source).get("/api/leads")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(found).containsExactly(kept);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldHideALeadSharedWithAPartnerFromTheRepWhoHadIt() {
        String source = "vis-" + UUID.randomUUID().toString().substring(0, 8);
        String shared = capture(source);
        String kept = capture(source);
        String reassignedAfter = capture(source);
        assign(shared, "rep1", "2026-11-22T10:00:00Z");
        assign(kept, "rep1", "2026-11-22T10:00:00Z");
        assign(reassignedAfter, "rep1", "2026-11-22T10:00:00Z");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + shared)
                .then().statusCode(200));

        assignments.share(shared, "2026-11-23T08:30:00Z");
        // a share older than the rep's newer ownership (delivered late) does not take the lead away
        assignments.reassign(reassignedAfter, "rep2", "rep1", "2026-11-24T09:00:00Z");
        assignments.share(reassignedAfter, "2026-11-23T08:30:00Z");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + shared)
                .then().statusCode(404).contentType("application/problem+json"));
        List<String> found = given().queryParam("source", source).get("/api/leads")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(found).containsExactlyInAnyOrder(kept, reassignedAfter);
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldKeepAReassignmentWhenOlderEventsOfTheLeadArriveLate() {
        String lead = capture("vis-reassign-late");
        assign(lead, "rep1", "2026-11-22T10:00:00Z");
        assignments.reassign(lead, "rep1", "rep2", "2026-11-23T08:30:00Z");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + lead)
                .then().statusCode(200));

        // the assignment again, and a reassignment decided before the one above, both delivered late
        assign(lead, "rep1", "2026-11-22T10:00:00Z");
        assignments.reassign(lead, "rep1", "rep3", "2026-11-23T08:00:00Z");
        String marker = capture("vis-reassign-late");
        assignments.reassign(marker, "rep1", "rep2", "2026-11-23T09:00:00Z");
        // the marker was sent after the stale events on the same channel: once it shows, they were handled
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + marker)
                .then().statusCode(200));

        given().get("/api/leads/" + lead).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldShowAClaimedLeadToTheRepWhoClaimedItOnly() {
        String source = "vis-" + UUID.randomUUID().toString().substring(0, 8);
        String claimed = capture(source);
        String claimedByOther = capture(source);
        String waiting = capture(source);
        assignments.queue(claimed);
        assignments.queue(claimedByOther);
        assignments.queue(waiting);

        assignments.claim(claimedByOther, "rep1", "2026-11-22T10:04:00Z");
        assignments.claim(claimed, "rep2", "2026-11-22T10:04:31Z");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/leads/" + claimed)
                .then().statusCode(200).body("id", equalTo(claimed)));
        given().get("/api/leads/" + claimed + "/consents").then().statusCode(200);
        // the other rep's claim and the queueing of the lead nobody claimed were sent before on the same channel:
        // they are handled too
        given().get("/api/leads/" + claimedByOther).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/leads/" + claimedByOther + "/consents").then().statusCode(404);
        given().get("/api/leads/" + waiting).then().statusCode(404);
        List<String> found = given().queryParam("source", source).get("/api/leads")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(found).containsExactly(claimed);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldShowAManagerEveryLeadAssignedOrNot() {
        String unassigned = capture("vis-manager");
        given().get("/api/leads/" + unassigned).then().statusCode(200);
        given().queryParam("source", "vis-manager").get("/api/leads").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(unassigned));
    }
}
