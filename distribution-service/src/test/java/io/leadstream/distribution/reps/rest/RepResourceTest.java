package io.leadstream.distribution.reps.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

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

    /** A team no other test uses, created through the API. */
    private static String newTeam() {
        String teamId = "team-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType("application/json").body("{\"displayName\":\"Team " + teamId + "\"}")
                .put("/api/teams/" + teamId).then().statusCode(201);
        return teamId;
    }

    /** Every attribute set, written as normalisation leaves it (so that the answer repeats it exactly). */
    private static String fullRep(String teamId) {
        return """
                {"displayName":"Grace Hopper","active":true,"teamId":"%s",
                 "products":["heat pumps","solar"],"segments":["enterprise","smb"],
                 "territories":["DACH","FR","NA"],"languages":["de","en"],
                 "dailyCapacity":20,"maxOpenLeads":50,
                 "workingHours":{"timeZone":"Europe/Berlin","week":{
                   "MONDAY":[{"from":"09:00","to":"12:30"},{"from":"13:30","to":"17:00"}],
                   "FRIDAY":[{"from":"09:00","to":"15:00"}],
                   "SUNDAY":[{"from":"20:00","to":"24:00"}]}},
                 "outOfOffice":[{"from":"2026-08-03","to":"2026-08-14"},{"from":"2026-12-24","to":"2027-01-02"}]}"""
                .formatted(teamId);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldStoreAndAnswerEveryAttributeOfARep() {
        String teamId = newTeam();
        String repId = newRepId("grace");
        JsonPath created = put(repId, fullRep(teamId), 201);
        JsonPath read = given().get("/api/reps/" + repId).then().statusCode(200).extract().jsonPath();

        for (JsonPath rep : List.of(created, read)) {
            assertThat(rep.getString("repId")).isEqualTo(repId);
            assertThat(rep.getString("displayName")).isEqualTo("Grace Hopper");
            assertThat(rep.getBoolean("active")).isTrue();
            assertThat(rep.getString("teamId")).isEqualTo(teamId);
            assertThat(rep.getList("products")).containsExactly("heat pumps", "solar");
            assertThat(rep.getList("segments")).containsExactly("enterprise", "smb");
            assertThat(rep.getList("territories")).containsExactly("DACH", "FR", "NA");
            assertThat(rep.getList("languages")).containsExactly("de", "en");
            assertThat(rep.getInt("dailyCapacity")).isEqualTo(20);
            assertThat(rep.getInt("maxOpenLeads")).isEqualTo(50);
            assertThat(rep.getString("workingHours.timeZone")).isEqualTo("Europe/Berlin");
            Map<String, Object> week = rep.getMap("workingHours.week");
            assertThat(week).containsOnlyKeys("MONDAY", "FRIDAY", "SUNDAY");
            assertThat(List.copyOf(week.keySet())).as("days in week order").containsExactly("MONDAY", "FRIDAY", "SUNDAY");
            assertThat(rep.getList("workingHours.week.MONDAY.from")).containsExactly("09:00", "13:30");
            assertThat(rep.getList("workingHours.week.MONDAY.to")).containsExactly("12:30", "17:00");
            assertThat(rep.getList("workingHours.week.FRIDAY.to")).containsExactly("15:00");
            assertThat(rep.getList("workingHours.week.SUNDAY.to")).containsExactly("24:00");
            assertThat(rep.getList("outOfOffice.from")).containsExactly("2026-08-03", "2026-12-24");
            assertThat(rep.getList("outOfOffice.to")).containsExactly("2026-08-14", "2027-01-02");
            assertThat(rep.getString("createdAt")).isNotNull().isEqualTo(rep.getString("updatedAt"));
        }
        assertThat(read.getMap("$")).isEqualTo(created.getMap("$"));

        JsonPath listed = given().queryParam("cursor", repId.substring(0, repId.length() - 1)).queryParam("limit", 200)
                .get("/api/reps").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = listed.getList("items");
        assertThat(items).filteredOn(item -> repId.equals(item.get("repId"))).containsExactly(read.getMap("$"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldNormaliseWhatItStores() {
        String repId = newRepId("norm");
        JsonPath rep = put(repId, """
                {"displayName":"  Norma  ","products":[" Heat   Pumps ","SOLAR","solar"],"segments":["SMB ","smb"],
                 "territories":[" fr","dach","FR","Dach"],"languages":["EN","de","en "],
                 "workingHours":{"timeZone":" europe/berlin ","week":{
                   "TUESDAY":[{"from":"13:00","to":"17:00"},{"from":" 08:00 ","to":"12:00"}],
                   "MONDAY":[{"from":"09:00","to":"17:00"}],
                   "SATURDAY":[]}},
                 "outOfOffice":[{"from":"2026-12-24","to":"2027-01-02"},{"from":"2026-08-03","to":"2026-08-03"},
                                {"from":"2026-12-24","to":"2027-01-02"}]}""", 201);

        assertThat(rep.getString("displayName")).isEqualTo("Norma");
        assertThat(rep.getList("products")).containsExactly("heat pumps", "solar");
        assertThat(rep.getList("segments")).containsExactly("smb");
        assertThat(rep.getList("territories")).containsExactly("DACH", "FR");
        assertThat(rep.getList("languages")).containsExactly("de", "en");
        assertThat(rep.getString("workingHours.timeZone")).isEqualTo("Europe/Berlin");
        assertThat(List.copyOf(rep.getMap("workingHours.week").keySet())).containsExactly("MONDAY", "TUESDAY");
        assertThat(rep.getList("workingHours.week.TUESDAY.from")).containsExactly("08:00", "13:00");
        assertThat(rep.getList("outOfOffice.from")).containsExactly("2026-08-03", "2026-12-24");
        assertThat(rep.getBoolean("active")).as("active defaults to true").isTrue();
        assertThat(rep.getString("teamId")).isNull();
        assertThat((Object) rep.get("dailyCapacity")).isNull();
        assertThat((Object) rep.get("workingHours.week.SATURDAY")).as("a day without periods is a day off").isNull();
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldChangeNothingWhenAFullPutIsRepeatedOrWrittenDifferently() {
        String teamId = newTeam();
        String repId = newRepId("same");
        JsonPath first = put(repId, fullRep(teamId), 201);
        JsonPath second = put(repId, fullRep(teamId), 200);
        // the same rep in other words: other order, case, spacing and repeats
        JsonPath third = put(repId, """
                {"displayName":" Grace Hopper ","teamId":"%s","products":["Solar","heat  pumps","solar"],
                 "segments":["SMB","enterprise"],"territories":["na","fr","dach"],"languages":["EN","de"],
                 "dailyCapacity":20,"maxOpenLeads":50,
                 "workingHours":{"timeZone":"europe/berlin","week":{
                   "SUNDAY":[{"from":"20:00","to":"24:00"}],"FRIDAY":[{"from":"09:00","to":"15:00"}],
                   "MONDAY":[{"from":"13:30","to":"17:00"},{"from":"09:00","to":"12:30"}],"THURSDAY":[]}},
                 "outOfOffice":[{"from":"2026-12-24","to":"2027-01-02"},{"from":"2026-08-03","to":"2026-08-14"}]}"""
                .formatted(teamId), 200);

        assertThat(second.getMap("$")).isEqualTo(first.getMap("$"));
        assertThat(third.getMap("$")).isEqualTo(first.getMap("$"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldNoticeAChangeToAnyAttribute() {
        String teamId = newTeam();
        String otherTeam = newTeam();
        String repId = newRepId("chg");
        String full = fullRep(teamId);
        String before = put(repId, full, 201).getString("updatedAt");
        List<String> changes = List.of(
                full.replace("\"Grace Hopper\"", "\"Grace B. Hopper\""),
                full.replace("\"active\":true", "\"active\":false"),
                full.replace(teamId, otherTeam),
                full.replace("\"heat pumps\",", ""),
                full.replace("\"enterprise\",", ""),
                full.replace("\"FR\",", ""),
                full.replace("\"de\",", ""),
                full.replace("\"dailyCapacity\":20", "\"dailyCapacity\":21"),
                full.replace("\"maxOpenLeads\":50", "\"maxOpenLeads\":49"),
                full.replace("Europe/Berlin", "Europe/Vienna"),
                full.replace("\"to\":\"15:00\"", "\"to\":\"15:30\""),
                full.replace("\"2027-01-02\"", "\"2027-01-03\""),
                full.replace("\"teamId\":\"" + teamId + "\",", ""));
        for (String changed : changes) {
            assertThat(changed).isNotEqualTo(full);
            JsonPath after = put(repId, changed, 200);
            assertThat(after.getString("updatedAt")).as(changed).isNotEqualTo(before);
            before = put(repId, full, 200).getString("updatedAt");
            assertThat(before).isNotEqualTo(after.getString("updatedAt"));
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldClearWhatAFullReplacementLeavesOut() {
        String repId = newRepId("clear");
        put(repId, fullRep(newTeam()), 201);

        // the body deploy/local/up.sh sends on every start
        given().contentType("application/json").body(REP_ONE).put("/api/reps/" + repId)
                .then().statusCode(200)
                .body("displayName", equalTo("Rep One"))
                .body("active", equalTo(true))
                .body("teamId", nullValue())
                .body("products", empty())
                .body("segments", empty())
                .body("territories", empty())
                .body("languages", empty())
                .body("dailyCapacity", nullValue())
                .body("maxOpenLeads", nullValue())
                .body("workingHours", nullValue())
                .body("outOfOffice", empty());
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldAcceptCapacitiesAtTheirBounds() {
        String repId = newRepId("cap");
        put(repId, "{\"displayName\":\"Cap\",\"dailyCapacity\":1,\"maxOpenLeads\":10000}", 201);
        given().get("/api/reps/" + repId).then().statusCode(200)
                .body("dailyCapacity", equalTo(1))
                .body("maxOpenLeads", equalTo(10000));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldNameEachInvalidAttributeWith400Problem() {
        String repId = newRepId("bad");
        List<String> fields = given().contentType("application/json").body("""
                {"displayName":"Bad","products":["ok"," ","%s"],"segments":[null],
                 "territories":["DE","XX","NA","dach","UK"],"languages":["de","english","xx"],
                 "workingHours":{"timeZone":"Mars/Olympus","week":{
                   "MONDAY":[{"from":"09:00","to":"12:00"},{"from":"11:00","to":"13:00"}],
                   "TUESDAY":[{"from":"17:00","to":"09:00"},{"from":"10:00","to":"10:00"}],
                   "FUNDAY":[{"from":"09:00","to":"17:00"}],
                   "WEDNESDAY":[{"from":"9am","to":"17:00"},{"from":"12:00","to":"24:30"}]}},
                 "outOfOffice":[{"from":"2027-01-02","to":"2026-12-24"},{"from":"2026-02-30","to":"2026-03-01"},
                                {"from":"2026-03-01"}]}"""
                        .formatted("x".repeat(101)))
                .put("/api/reps/" + repId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .extract().jsonPath().getList("errors.field");

        assertThat(fields).containsExactlyInAnyOrder("products[1]", "products[2]", "segments[0]",
                "territories[1]", "territories[4]", "languages[1]", "languages[2]",
                "workingHours.timeZone", "workingHours.week.MONDAY[1]", "workingHours.week.TUESDAY[0]",
                "workingHours.week.TUESDAY[1]", "workingHours.week.FUNDAY", "workingHours.week.WEDNESDAY[0].from",
                "workingHours.week.WEDNESDAY[1].to", "outOfOffice[0]", "outOfOffice[1].from", "outOfOffice[2].to");
        given().get("/api/reps/" + repId).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldSayWhyAPeriodOrAnAbsenceIsRefused() {
        given().contentType("application/json").body("""
                {"displayName":"Overlap","workingHours":{"timeZone":"Europe/Berlin","week":{
                   "MONDAY":[{"from":"09:00","to":"12:00"},{"from":"11:00","to":"13:00"}]}},
                 "outOfOffice":[{"from":"2027-01-02","to":"2026-12-24"}]}""")
                .put("/api/reps/" + newRepId("why"))
                .then().statusCode(400)
                .body("errors.field", contains("workingHours.week.MONDAY[1]", "outOfOffice[0]"))
                .body("errors.message", contains("overlaps MONDAY[0] (09:00-12:00)",
                        "must end on or after the day it starts (2027-01-02 to 2026-12-24)"));

        given().contentType("application/json").body("""
                {"displayName":"No hours","workingHours":{"timeZone":"Europe/Berlin","week":{"MONDAY":[]}}}""")
                .put("/api/reps/" + newRepId("none"))
                .then().statusCode(400)
                .body("errors.field", contains("workingHours.week"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldBoundNumbersListsAndTexts() {
        String many = IntStream.range(0, 51).mapToObj(i -> "\"p" + i + "\"").reduce((a, b) -> a + "," + b).orElseThrow();
        List<String> fields = given().contentType("application/json").body("""
                {"displayName":"Bounds","dailyCapacity":0,"maxOpenLeads":10001,"products":[%s],
                 "teamId":"Not A Team","workingHours":{"week":{"MONDAY":[{"from":"09:00","to":"17:00"}]}},
                 "outOfOffice":[%s]}"""
                        .formatted(many, String.join(",", Collections.nCopies(101,
                                "{\"from\":\"2026-01-01\",\"to\":\"2026-01-01\"}"))))
                .put("/api/reps/" + newRepId("bounds"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .extract().jsonPath().getList("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("dailyCapacity", "maxOpenLeads", "products", "teamId",
                "workingHours.timeZone", "outOfOffice");

        given().contentType("application/json").body("{\"displayName\":\"Neg\",\"dailyCapacity\":-5}")
                .put("/api/reps/" + newRepId("neg"))
                .then().statusCode(400).body("errors.field", contains("dailyCapacity"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldRefuseAnUnknownTeamNamingTeamId() {
        String repId = newRepId("lost");
        given().contentType("application/json").body("{\"displayName\":\"Lost\",\"teamId\":\"no-such-team\"}")
                .put("/api/reps/" + repId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/validation"))
                .body("errors.field", contains("teamId"))
                .body("errors.message", contains("no such team"));
        given().get("/api/reps/" + repId).then().statusCode(404);
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
        given().get("/api/reps/rep1").then().statusCode(403).contentType("application/problem+json");
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
                .contains("/api/reps/{repId}", "/api/reps", "/api/teams/{teamId}", "/api/teams",
                        "/api/assignments/{leadId}");
    }
}
