package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * A rep works a lead from OPEN to CUSTOMER on the real suite: logs a call, schedules and completes a follow-up, sends a
 * templated email that crosses real SMTP into GreenMail with its unsubscribe link, and reads it all back on the lead's
 * timeline; the link then withdraws the consent in capture's ledger.
 */
class NurtureTest {

    static final String GREENMAIL_API = System.getProperty("leadstream.greenmail-api", "http://127.0.0.1:8025");
    static final Pattern UNSUBSCRIBE = Pattern.compile("List-Unsubscribe: <(http[^>]+/unsubscribe\\?token=[^>]+)>");

    @Test
    void shouldWalkALeadFromOpenToCustomerWithAnActivityAFollowUpAndAMessageOnItsTimeline() {
        String crm = Suite.crmApp();
        String email = "katherine." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Instant before = Instant.now().minusSeconds(1);
        String location = given().auth().oauth2(crm).contentType("application/json").body("""
                {"firstName":"Katherine","lastName":"Johnson","email":"%s","phone":"%s","company":"Orbit Ltd",
                 "language":"en","timeZone":"%s","source":"api"}""".formatted(email, Suite.uniquePhone(), daytimeZone()))
                .post(Suite.CAPTURE + "/api/leads").then().statusCode(201).extract().header("Location");
        String leadId = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(crm).contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED",
                 "proof":{"method":"verbal","textVersion":"marketing-2026","source":"system-test","address":"%s"}}"""
                .formatted(email)).post(Suite.CAPTURE + "/api/leads/" + leadId + "/consents").then().statusCode(201);

        String manager = Suite.userToken("manager");
        AtomicReference<String> owner = new AtomicReference<>();
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath stage = given().auth().oauth2(manager).get(Suite.NURTURE + "/api/leads/" + leadId + "/stage")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(stage.getString("stage")).isEqualTo("OPEN");
            owner.set(stage.getString("owner"));
        });
        String rep = Suite.userToken(owner.get());
        String nurture = Suite.NURTURE + "/api/leads/" + leadId;

        given().auth().oauth2(rep).contentType("application/json").body("""
                {"kind":"CALL","direction":"OUTBOUND","durationSeconds":420,"outcome":"interested"}""")
                .post(nurture + "/activities").then().statusCode(201);
        move(rep, nurture, "CONTACTED");

        // consent.changed has reached nurture once an email can go out
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().auth().oauth2(rep).contentType("application/json")
                        .body("{\"channel\":\"EMAIL\",\"templateKey\":\"thank-you\"}")
                        .header("Idempotency-Key", "thank-you-" + leadId)
                        .post(nurture + "/messages").then().statusCode(201));

        String followUp = given().auth().oauth2(rep).contentType("application/json").body("""
                {"dueAt":"%s","note":"send the proposal"}""".formatted(Instant.now().plus(Duration.ofHours(2))))
                .post(nurture + "/follow-ups").then().statusCode(201).extract().path("followUpId");
        move(rep, nurture, "NURTURING");
        move(rep, nurture, "QUALIFIED");
        given().auth().oauth2(rep).contentType("application/json").body("{\"outcome\":\"proposal sent\"}")
                .post(Suite.NURTURE + "/api/follow-ups/" + followUp + "/complete").then().statusCode(200);
        move(rep, nurture, "NEGOTIATION");
        move(rep, nurture, "CUSTOMER");

        // the email crossed SMTP with the template rendered and the one-click unsubscribe header
        AtomicReference<String> mail = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String inbox = given().get(GREENMAIL_API + "/api/user/" + email + "/messages/INBOX/")
                    .then().statusCode(200).extract().asString();
            assertThat(inbox).contains("List-Unsubscribe").contains("Katherine");
            mail.set(inbox.replace("\\r\\n", "\n").replace("=\n", "").replace("=3D", "="));
        });

        // insights follows the lead through the funnel of its creation cohort (the leads captured around it: this one)
        Instant after = Instant.now();
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath funnel = given().auth().oauth2(manager).queryParam("from", before.toString())
                    .queryParam("to", after.toString()).queryParam("source", "api")
                    .get(Suite.INSIGHTS + "/api/insights/funnel").then().statusCode(200).extract().jsonPath();
            assertThat(funnel.getList("stages.stage")).containsExactly("OPEN", "CONTACTED", "NURTURING", "QUALIFIED",
                    "NEGOTIATION", "CUSTOMER");
            assertThat(funnel.getInt("stages[5].reached")).isPositive();
            assertThat(funnel.getInt("stages[5].reached")).isEqualTo(funnel.getInt("stages[0].reached"));
        });

        JsonPath timeline = given().auth().oauth2(rep).queryParam("order", "oldest").get(nurture + "/timeline")
                .then().statusCode(200).extract().jsonPath();
        List<String> stages = timeline.getList("items.stageChange.to");
        assertThat(stages).containsSubsequence("OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION",
                "CUSTOMER");
        assertThat(timeline.getList("items.activity.kind")).contains("CALL", "EMAIL");
        assertThat(timeline.getList("items.activity.source")).contains("MESSAGE");
        assertThat(timeline.getList("items.assignment.event")).contains("ASSIGNED");
        given().auth().oauth2(rep).queryParam("state", "done").get(Suite.NURTURE + "/api/follow-ups")
                .then().statusCode(200).extract().jsonPath().getList("items.followUpId").contains(followUp);

        Matcher link = UNSUBSCRIBE.matcher(mail.get());
        assertThat(link.find()).as("a List-Unsubscribe link in the mail").isTrue();
        URI unsubscribe = URI.create(URLDecoder.decode(link.group(1).replace("\\u003d", "="), StandardCharsets.UTF_8));
        given().get(unsubscribe).then().statusCode(200);
        JsonPath ledger = given().auth().oauth2(crm).get(Suite.CAPTURE + "/api/leads/" + leadId + "/consents")
                .then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("current.status")).contains("WITHDRAWN");
        assertThat(ledger.getList("history.proof.method")).contains("unsubscribe-link");
    }

    private static void move(String token, String lead, String to) {
        given().auth().oauth2(token).contentType("application/json").body("{\"to\":\"" + to + "\"}")
                .post(lead + "/stage").then().statusCode(200);
    }

    /** A time zone where it is daytime now, so that the message does not fall into the lead's quiet hours. */
    static String daytimeZone() {
        for (String zone : List.of("UTC", "Asia/Tokyo", "America/New_York", "Asia/Kolkata", "America/Los_Angeles",
                "Pacific/Auckland", "Europe/Berlin", "Asia/Dubai")) {
            int hour = ZonedDateTime.now(ZoneId.of(zone)).getHour();
            if (hour >= 10 && hour < 19) {
                return zone;
            }
        }
        return "Pacific/Kiritimati";
    }
}
