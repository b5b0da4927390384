package io.leadstream.capture.leads.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** Who may patch a lead: integration, sales-manager, lead-admin, and a sales rep the leads assigned to them. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class LeadPatchRolesTest {

    @Inject
    @Any
    InMemoryConnector connector;

    private static String newLead() {
        return given().contentType("application/json")
                .body("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada+" + UUID.randomUUID()
                        + "@rep.example\",\"source\":\"call\"}")
                .post("/api/leads").then().statusCode(201).extract().path("id");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLetARepPatchOnlyTheLeadsAssignedToThem() {
        String mine = newLead();
        String notMine = newLead();
        connector.<Message<String>>source("distribution-events").runOnVertxContext(true)
                .send(TestEvents.event("leadstream.lead.assigned.v1", mine, """
                        {"leadId":"%s","repId":"rep1","strategy":"ROUND_ROBIN","reason":"test","score":50,
                         "grade":"C","assignedAt":"2026-11-22T10:00:00Z"}""".formatted(mine)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().contentType(LeadPatchTest.MERGE_PATCH)
                .body("{\"jobTitle\":\"CTO\"}").patch("/api/leads/" + mine)
                .then().statusCode(200).body("jobTitle", equalTo("CTO")));
        given().contentType(LeadPatchTest.MERGE_PATCH).body("{\"jobTitle\":\"CTO\"}").patch("/api/leads/" + notMine)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "partner-a", roles = "partner")
    void shouldNotLetAPartnerPatch() {
        given().contentType(LeadPatchTest.MERGE_PATCH).body("{\"jobTitle\":\"CTO\"}")
                .patch("/api/leads/" + UUID.randomUUID())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().contentType(LeadPatchTest.MERGE_PATCH).body("{\"jobTitle\":\"CTO\"}")
                .patch("/api/leads/" + UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
    }
}
