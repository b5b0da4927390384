package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * On the real suite: the rep a new lead is assigned to is told by email (over real SMTP into the local GreenMail, at
 * the address Keycloak has for them); an admin's drip sequence, a lead enrolled in it by its rep, the first step's
 * email crossing SMTP (the runner passes every 5 s in the local run), and the lead's reply stopping the sequence.
 */
class SequenceTest {

    @Test
    void shouldTellTheRepAndSendASequencesFirstStepUntilTheLeadReplies() {
        String crm = Suite.crmApp();
        String sequenceId = given().auth().oauth2(Suite.userToken("admin")).contentType("application/json").body("""
                {"name":"System test drip %s","steps":[
                 {"delayBusinessDays":0,"channel":"EMAIL","templateKey":"product-introduction"},
                 {"delayBusinessDays":2,"channel":"EMAIL","templateKey":"new-product-launch"}]}"""
                .formatted(UUID.randomUUID())).post(Suite.NURTURE + "/api/sequences").then().statusCode(201)
                .extract().path("id");

        String email = "grace." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String location = given().auth().oauth2(crm).contentType("application/json").body("""
                {"firstName":"Grace","lastName":"Hopper","email":"%s","phone":"%s","company":"Cobol Ltd",
                 "language":"en","timeZone":"%s","source":"api"}"""
                .formatted(email, Suite.uniquePhone(), NurtureTest.daytimeZone()))
                .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
        String leadId = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(crm).contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED",
                 "proof":{"method":"verbal","textVersion":"marketing-2026","source":"system-test","address":"%s"}}"""
                .formatted(email)).post(Suite.CAPTURE + "/api/leads/" + leadId + "/consents").then().statusCode(201);

        AtomicReference<String> owner = new AtomicReference<>();
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> owner.set(
                given().auth().oauth2(Suite.userToken("manager"))
                        .get(Suite.NURTURE + "/api/leads/" + leadId + "/stage").then()
                        .statusCode(200).extract().path("owner")));
        String rep = Suite.userToken(owner.get());
        String nurture = Suite.NURTURE + "/api/leads/" + leadId;

        // the rep is told of the assignment, at their address in Keycloak
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(inbox(owner.get() + "@leadstream.local")).contains("Lead " + leadId + " is assigned to you"));

        // consent.changed has reached nurture once a message can go out
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(rep).contentType("application/json")
                        .body("{\"channel\":\"EMAIL\",\"templateKey\":\"thank-you\"}")
                        .header("Idempotency-Key", "thank-you-" + leadId)
                        .post(nurture + "/messages").then().statusCode(201));

        String enrolment = given().auth().oauth2(rep).contentType("application/json")
                .body("{\"sequenceId\":\"" + sequenceId + "\"}").post(nurture + "/enrolments").then()
                .statusCode(201).extract().path("id");

        // the runner sends the first step: its email crosses SMTP, and the enrolment waits for the second
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonPath e = given().auth().oauth2(rep).get(nurture + "/enrolments/" + enrolment).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(e.getString("state")).isEqualTo("ACTIVE");
            assertThat(e.getInt("stepsSent")).isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(inbox(email)).contains("An introduction to").contains("List-Unsubscribe"));
        JsonPath timeline = given().auth().oauth2(rep).get(nurture + "/timeline").then().statusCode(200).extract()
                .jsonPath();
        assertThat(timeline.getList("items.by")).contains("sequence");

        // the lead answers: the sequence stops
        given().auth().oauth2(rep).contentType("application/json")
                .body("{\"kind\":\"EMAIL\",\"direction\":\"INBOUND\",\"subject\":\"Re: An introduction\"}")
                .post(nurture + "/activities").then().statusCode(201);
        JsonPath stopped = given().auth().oauth2(rep).get(nurture + "/enrolments/" + enrolment).then().statusCode(200)
                .extract().jsonPath();
        assertThat(stopped.getString("state")).isEqualTo("STOPPED");
        assertThat(stopped.getString("stopReason")).isEqualTo("replied");
    }

    private static String inbox(String address) {
        return given().get(NurtureTest.GREENMAIL_API + "/api/user/" + address + "/messages/INBOX/").then()
                .statusCode(200).extract().asString();
    }
}
