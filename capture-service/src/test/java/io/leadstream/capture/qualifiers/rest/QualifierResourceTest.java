package io.leadstream.capture.qualifiers.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Custom qualifiers: lead admins define typed keys; everyone who works leads can list them. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class QualifierResourceTest {

    private static String freshKey() {
        return "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "lead-admin")
    void shouldDefineThenRedefineAQualifier() {
        String key = freshKey();
        given().contentType("application/json")
                .body("{\"type\":\"ENUM\",\"label\":\" Company size \",\"options\":[\" Small \",\"Large\"]}")
                .put("/api/qualifiers/" + key)
                .then().statusCode(201)
                .body("key", equalTo(key))
                .body("type", equalTo("ENUM"))
                .body("label", equalTo("Company size"))
                .body("options", contains("Small", "Large"))
                .body("updatedBy", equalTo("admin1"));
        given().contentType("application/json").body("{\"type\":\"NUMBER\",\"label\":\"Employees\"}")
                .put("/api/qualifiers/" + key)
                .then().statusCode(200)
                .body("type", equalTo("NUMBER"))
                .body("options", equalTo(List.of()));
        given().get("/api/qualifiers").then().statusCode(200)
                .body("find { it.key == '" + key + "' }.label", equalTo("Employees"));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "lead-admin")
    void shouldNameInvalidDefinitionFields() {
        given().contentType("application/json").body("{\"type\":\"ENUM\",\"label\":\"Size\"}")
                .put("/api/qualifiers/" + freshKey())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("options"));
        given().contentType("application/json").body("{\"type\":\"STRING\",\"label\":\"Note\",\"options\":[\"a\"]}")
                .put("/api/qualifiers/" + freshKey())
                .then().statusCode(400).body("errors.field", contains("options"));
        given().contentType("application/json")
                .body("{\"type\":\"ENUM\",\"label\":\"Size\",\"options\":[\"Small\",\"small\",\" \"]}")
                .put("/api/qualifiers/" + freshKey())
                .then().statusCode(400).body("errors.field", containsInAnyOrder("options[1]", "options[2]"));
        given().contentType("application/json").body("{\"type\":\"COLOUR\",\"label\":\"x\"}")
                .put("/api/qualifiers/" + freshKey())
                .then().statusCode(400).body("errors.field", contains("type"));
        given().contentType("application/json").body("{\"label\":\"\"}")
                .put("/api/qualifiers/" + freshKey())
                .then().statusCode(400).body("errors.field", hasItem("label"));
        given().contentType("application/json").body("{\"type\":\"STRING\",\"label\":\"x\"}")
                .put("/api/qualifiers/1st-key")
                .then().statusCode(400).body("errors.field", contains("key"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldLetARepListButNotDefine() {
        given().get("/api/qualifiers").then().statusCode(200);
        given().contentType("application/json").body("{\"type\":\"STRING\",\"label\":\"x\"}")
                .put("/api/qualifiers/" + freshKey())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldNotLetAManagerDefine() {
        given().contentType("application/json").body("{\"type\":\"STRING\",\"label\":\"x\"}")
                .put("/api/qualifiers/" + freshKey())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "partner-a", roles = "partner")
    void shouldNotLetAPartnerList() {
        given().get("/api/qualifiers").then().statusCode(403).contentType("application/problem+json");
    }
}
