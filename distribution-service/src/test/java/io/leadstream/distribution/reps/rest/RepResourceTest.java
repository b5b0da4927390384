package io.leadstream.distribution.reps.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.OpenApiContract;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class RepResourceTest {

    private static final String REP_ONE = "{\"displayName\":\"Rep One\",\"active\":true}";

    /** A rep id no other test uses (the database lives as long as the test JVM). */
    private static String newRepId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonPath put(String repId, String body, int status) {
        return given().contentType("application/json").body(body).put("/api/reps/" + repId)
                .then().statusCode(status).extract().jsonPath();
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRegisterARepWith201AndLocationThenUpdateItWith200() {
        String repId = newRepId("ada");
        String location = given().contentType("application/json").body("{\"displayName\":\"  Ada Lovelace \"}")
                .put("/api/reps/" + repId)
                .then().statusCode(201)
                .header("Location", endsWith("/api/reps/" + repId))
                .body("repId", equalTo(repId))
                .body("displayName", equalTo("Ada Lovelace"))
                .body("active", equalTo(true))
                .extract().header("Location");
        JsonPath created = given().get(location).then().statusCode(200).extract().jsonPath();

        JsonPath updated = put(repId, "{\"displayName\":\"Ada King\",\"active\":false}", 200);

        assertThat(updated.getString("displayName")).isEqualTo("Ada King");
        assertThat(updated.getBoolean("active")).isFalse();
        assertThat(updated.getString("createdAt")).isEqualTo(created.getString("createdAt"));
        assertThat(updated.getString("updatedAt")).isNotEqualTo(created.getString("updatedAt"));
        given().get("/api/reps/" + repId).then().statusCode(200)
                .body("displayName", equalTo("Ada King"))
                .body("active", equalTo(false));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldChangeNothingWhenTheSamePutIsRepeated() {
        String repId = newRepId("rep");
        JsonPath first = put(repId, REP_ONE, 201);
        JsonPath second = put(repId, REP_ONE, 200);
        JsonPath third = put(repId, REP_ONE, 200);

        assertThat(second.getMap("$")).isEqualTo(first.getMap("$"));
        assertThat(third.getMap("$")).isEqualTo(first.getMap("$"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldListRepsSortedByIdPageByPage() {
        String prefix = "lst" + UUID.randomUUID().toString().substring(0, 6);
        for (String repId : List.of(prefix + "-c", prefix + "-a", prefix + ".b")) {
            put(repId, REP_ONE, 201);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/reps").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.repId");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                assertThat(ids).hasSize(2).last().isEqualTo(cursor);
            }
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(seen).isSorted().doesNotHaveDuplicates()
                .containsSubsequence(prefix + "-a", prefix + "-c", prefix + ".b");
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetAManagerReadRepsButNotChangeThem() {
        given().get("/api/reps").then().statusCode(200).body("items", notNullValue());
        given().contentType("application/json").body(REP_ONE).put("/api/reps/" + newRepId("mgr"))
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseARepWith403Problem() {
        given().contentType("application/json").body(REP_ONE).put("/api/reps/rep1")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/forbidden"));
        given().get("/api/reps").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().contentType("application/json").body(REP_ONE).put("/api/reps/rep1")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/unauthorized"));
        given().get("/api/reps").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldNameEachInvalidFieldWith400Problem() {
        given().contentType("application/json").body("{\"displayName\":\"   \",\"active\":true}")
                .put("/api/reps/" + newRepId("blank"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors.field", hasItem("displayName"));

        given().contentType("application/json").body("{\"displayName\":\"" + "x".repeat(101) + "\"}")
                .put("/api/reps/" + newRepId("long"))
                .then().statusCode(400).body("errors.field", hasItem("displayName"));

        for (String badId : List.of("Rep1", "-rep", "rep one", "x".repeat(65), "rep@example.com")) {
            given().contentType("application/json").body(REP_ONE).put("/api/reps/{repId}", badId)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("repId"));
        }

        given().queryParam("limit", 1000000).get("/api/reps")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().queryParam("limit", 0).get("/api/reps")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldAnswerAPutWithoutBodyWith400Problem() {
        given().contentType("application/json").put("/api/reps/" + newRepId("nobody"))
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldAnswerAnUnknownRepWith404Problem() {
        given().get("/api/reps/" + newRepId("ghost"))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"))
                .body("errors", nullValue());
    }

    @Test
    void shouldServeTheCommittedOpenApiDocument() {
        assertThat(OpenApiContract.assertServedDocumentMatchesCommitted("distribution-service"))
                .contains("/api/reps/{repId}", "/api/reps", "/api/assignments/{leadId}");
    }
}
