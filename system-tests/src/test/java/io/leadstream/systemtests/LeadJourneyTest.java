package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** A lead posted by another app flows through every service, over the real broker, within 15 s. */
class LeadJourneyTest {

    @Test
    void shouldScoreAssignOpenAndCountALeadPostedByAnotherApp() {
        String manager = Suite.userToken("manager");
        Instant from = Instant.now().minusSeconds(60);
        Instant to = Instant.now().plus(Duration.ofHours(1));
        JsonPath before = summary(manager, from, to);

        String unique = UUID.randomUUID().toString().substring(0, 8);
        String phone = Suite.uniquePhone();
        String location = given().auth().oauth2(Suite.crmApp()).contentType("application/json")
                .body("""
                        {"firstName":"Grace","lastName":"Hopper","email":"Grace.%s@Navy.example","phone":"%s",
                         "company":"Compiler Corp","source":"api"}""".formatted(unique, phone))
                .post(Suite.CAPTURE + "/api/leads")
                .then().statusCode(201).extract().header("Location");
        String leadId = location.substring(location.lastIndexOf('/') + 1);

        JsonPath lead = given().auth().oauth2(Suite.crmApp()).get(location).then().statusCode(200).extract().jsonPath();
        assertThat(lead.getString("email")).isEqualTo("grace." + unique + "@navy.example");
        assertThat(lead.getString("phone")).isEqualTo(phone.replace(" ", ""));
        assertThat(lead.getString("duplicateOf")).as("a new person is not merged").isNull();

        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath score = given().auth().oauth2(Suite.crmApp()).get(Suite.SCORING + "/api/scores/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(score.getInt("score")).isBetween(0, 100);
            assertThat(score.getList("reasons")).isNotEmpty();

            JsonPath assignment = given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(assignment.getString("repId")).isIn("rep1", "rep2", "rep3");
            assertThat(assignment.getString("strategy")).isEqualTo("ROUND_ROBIN");
            assertThat(assignment.getString("reason")).isNotBlank();

            JsonPath stage = given().auth().oauth2(manager).get(Suite.NURTURE + "/api/leads/" + leadId + "/stage")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(stage.getString("stage")).isEqualTo("OPEN");
            assertThat(stage.getString("owner")).isEqualTo(assignment.getString("repId"));

            JsonPath after = summary(manager, from, to);
            assertThat(after.getLong("captured")).isGreaterThan(before.getLong("captured"));
            assertThat(after.getLong("scored")).isGreaterThan(before.getLong("scored"));
            assertThat(after.getLong("assigned")).isGreaterThan(before.getLong("assigned"));
        });
    }

    private static JsonPath summary(String token, Instant from, Instant to) {
        return given().auth().oauth2(token).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get(Suite.INSIGHTS + "/api/insights/summary")
                .then().statusCode(200).extract().jsonPath();
    }
}
