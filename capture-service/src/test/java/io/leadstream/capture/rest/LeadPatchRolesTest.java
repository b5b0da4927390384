package io.leadstream.capture.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Who may patch a lead: integration, sales-rep, sales-manager, lead-admin; nobody else. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class LeadPatchRolesTest {

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLetARepPatch() {
        String id = given().contentType("application/json")
                .body("{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada+" + UUID.randomUUID()
                        + "@rep.example\",\"source\":\"call\"}")
                .post("/api/leads").then().statusCode(201).extract().path("id");
        given().contentType(LeadPatchTest.MERGE_PATCH).body("{\"jobTitle\":\"CTO\"}").patch("/api/leads/" + id)
                .then().statusCode(200).body("jobTitle", equalTo("CTO"));
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
