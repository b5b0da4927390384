package io.leadstream.distribution.teams.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class TeamResourceTest {

    private static final String DACH = "{\"displayName\":\"Sales DACH\",\"managerId\":\"manager1\"}";

    /** A team or rep id no other test uses (the database lives as long as the test JVM). */
    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonPath putTeam(String teamId, String body, int status) {
        return given().contentType("application/json").body(body).put("/api/teams/" + teamId)
                .then().statusCode(status).extract().jsonPath();
    }

    private static void putRep(String repId, String teamId) {
        String team = teamId == null ? "" : ",\"teamId\":\"" + teamId + "\"";
        given().contentType("application/json").body("{\"displayName\":\"Rep " + repId + "\"" + team + "}")
                .put("/api/reps/" + repId).then().statusCode(oneOf(200, 201));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldCreateATeamWith201AndLocationThenReplaceItWith200() {
        String teamId = newId("dach");
        String location = given().contentType("application/json").body("{\"displayName\":\"  Sales DACH \","
                + "\"managerId\":\"manager1\"}")
                .put("/api/teams/" + teamId)
                .then().statusCode(201)
                .header("Location", endsWith("/api/teams/" + teamId))
                .body("teamId", equalTo(teamId))
                .body("displayName", equalTo("Sales DACH"))
                .body("managerId", equalTo("manager1"))
                .body("members", empty())
                .extract().header("Location");
        JsonPath created = given().get(location).then().statusCode(200).extract().jsonPath();
        assertThat(created.getString("createdAt")).isNotNull().isEqualTo(created.getString("updatedAt"));

        JsonPath replaced = putTeam(teamId, "{\"displayName\":\"Sales Central Europe\"}", 200);

        assertThat(replaced.getString("displayName")).isEqualTo("Sales Central Europe");
        assertThat(replaced.getString("managerId")).as("a manager left out is cleared").isNull();
        assertThat(replaced.getString("createdAt")).isEqualTo(created.getString("createdAt"));
        assertThat(replaced.getString("updatedAt")).isNotEqualTo(created.getString("updatedAt"));
        given().get("/api/teams/" + teamId).then().statusCode(200)
                .body("displayName", equalTo("Sales Central Europe"))
                .body("managerId", nullValue());
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldChangeNothingWhenTheSamePutIsRepeated() {
        String teamId = newId("same");
        JsonPath first = putTeam(teamId, DACH, 201);
        JsonPath second = putTeam(teamId, DACH, 200);
        JsonPath third = putTeam(teamId, "{\"displayName\":\" Sales DACH  \",\"managerId\":\"manager1\"}", 200);

        assertThat(second.getMap("$")).isEqualTo(first.getMap("$"));
        assertThat(third.getMap("$")).isEqualTo(first.getMap("$"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldListATeamsMembersSortedAndFollowThemWhenTheyMove() {
        String teamId = newId("members");
        String otherTeam = newId("other");
        putTeam(teamId, DACH, 201);
        putTeam(otherTeam, "{\"displayName\":\"Other\"}", 201);
        String prefix = newId("m");
        for (String repId : List.of(prefix + "-c", prefix + "-a", prefix + ".b")) {
            putRep(repId, teamId);
        }
        putRep(newId("loner"), null);

        given().get("/api/teams/" + teamId).then().statusCode(200)
                .body("members", contains(prefix + "-a", prefix + "-c", prefix + ".b"));

        putRep(prefix + "-a", otherTeam); // moves: a rep is in at most one team
        putRep(prefix + "-c", null); // leaves
        given().get("/api/teams/" + teamId).then().statusCode(200).body("members", contains(prefix + ".b"));
        given().get("/api/teams/" + otherTeam).then().statusCode(200).body("members", contains(prefix + "-a"));
        given().get("/api/reps/" + prefix + "-a").then().statusCode(200).body("teamId", equalTo(otherTeam));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldListTeamsSortedByIdPageByPageWithTheirMembers() {
        String prefix = "lst" + UUID.randomUUID().toString().substring(0, 6);
        for (String teamId : List.of(prefix + "-c", prefix + "-a", prefix + ".b")) {
            putTeam(teamId, "{\"displayName\":\"Team " + teamId + "\"}", 201);
        }
        putRep(prefix + "-rep2", prefix + "-c");
        putRep(prefix + "-rep1", prefix + "-c");
        putRep(prefix + "-rep3", prefix + ".b");

        List<String> seen = new ArrayList<>();
        List<Map<String, Object>> ours = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/teams").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.teamId");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            seen.addAll(ids);
            List<Map<String, Object>> items = page.getList("items");
            items.stream().filter(item -> ((String) item.get("teamId")).startsWith(prefix)).forEach(ours::add);
            cursor = page.getString("nextCursor");
            if (cursor != null) {
                assertThat(ids).hasSize(2).last().isEqualTo(cursor);
            }
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(seen).isSorted().doesNotHaveDuplicates()
                .containsSubsequence(prefix + "-a", prefix + "-c", prefix + ".b");
        assertThat(pages).isGreaterThan(1);
        assertThat(ours).extracting(item -> item.get("members")).containsExactly(
                List.of(), List.of(prefix + "-rep1", prefix + "-rep2"), List.of(prefix + "-rep3"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetAManagerReadTeamsButNotChangeThem() {
        given().get("/api/teams").then().statusCode(200).body("items", notNullValue());
        given().contentType("application/json").body(DACH).put("/api/teams/" + newId("mgr"))
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseARepWith403Problem() {
        given().contentType("application/json").body(DACH).put("/api/teams/" + newId("rep"))
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/forbidden"));
        given().get("/api/teams").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/teams/any-team").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().contentType("application/json").body(DACH).put("/api/teams/dach")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/unauthorized"));
        given().get("/api/teams").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/teams/dach").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldNameEachInvalidFieldWith400Problem() {
        List<String> fields = given().contentType("application/json")
                .body("{\"displayName\":\"  \",\"managerId\":\"Manager One\"}")
                .put("/api/teams/" + newId("bad"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .extract().jsonPath().getList("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("displayName", "managerId");

        given().contentType("application/json").body("{\"displayName\":\"" + "x".repeat(101) + "\"}")
                .put("/api/teams/" + newId("long"))
                .then().statusCode(400).body("errors.field", contains("displayName"));

        for (String badId : List.of("Dach", "-dach", "sales dach", "x".repeat(65))) {
            given().contentType("application/json").body(DACH).put("/api/teams/{teamId}", badId)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("teamId"));
        }

        given().contentType("application/json").put("/api/teams/" + newId("nobody"))
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("limit", 201).get("/api/teams")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().queryParam("limit", 0).get("/api/teams")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldAnswerAnUnknownTeamWith404Problem() {
        String teamId = newId("ghost");
        given().get("/api/teams/" + teamId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"))
                .body("detail", equalTo("team " + teamId + " was not found"))
                .body("errors", nullValue());
    }
}
