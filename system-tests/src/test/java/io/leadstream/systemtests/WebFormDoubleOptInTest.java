package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Double opt-in over real SMTP: capture-service mails the confirmation to the GreenMail server deploy/local/up.sh
 * started (SMTP 127.0.0.1:3025); the test reads it through GreenMail's REST API, follows the link and finds the
 * grant in the lead's consent ledger.
 */
class WebFormDoubleOptInTest {

    static final String GREENMAIL_API = System.getProperty("leadstream.greenmail-api", "http://127.0.0.1:8025");
    private static final Pattern LINK = Pattern.compile("(http://[^\\s\"<>]+/forms/[A-Za-z0-9_-]+/confirm\\?token=)"
            + "([A-Za-z0-9_-]{43})");

    @Test
    void shouldRecordTheConsentWhenTheLinkMailedOverSmtpIsFollowed() {
        String key = given().auth().oauth2(Suite.userToken("admin")).contentType("application/json").body("""
                {"name":"Newsletter %s","fields":{"email":"email","first":"firstName","last":"lastName"},
                 "redirectUrl":"https://www.example.com/thanks","doubleOptIn":true,
                 "consent":{"purpose":"newsletter","textVersion":"nl-system-test"}}""".formatted(UUID.randomUUID()))
                .post(Suite.CAPTURE + "/api/forms")
                .then().statusCode(201).extract().path("key");
        String email = "dorothy." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("email", email).formParam("first", "Dorothy").formParam("last", "Vaughan")
                .post(Suite.CAPTURE + "/forms/" + key)
                .then().statusCode(303);

        AtomicReference<String> link = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String inbox = given().get(GREENMAIL_API + "/api/user/" + email + "/messages/INBOX/")
                    .then().statusCode(200).extract().asString();
            // undo quoted-printable soft line breaks and '=' escapes, in the JSON text as well as decoded
            String text = inbox.replace("=\\r\\n", "").replace("=\r\n", "").replace("=3D", "=");
            Matcher matcher = LINK.matcher(text);
            assertThat(matcher.find()).as("a confirmation link in the mail to " + email).isTrue();
            link.set(matcher.group(1) + matcher.group(2));
        });

        String crm = Suite.crmApp();
        String leadId = given().auth().oauth2(crm).queryParam("q", email).get(Suite.CAPTURE + "/api/leads")
                .then().statusCode(200).extract().path("items[0].id");
        assertThat(given().auth().oauth2(crm).get(Suite.CAPTURE + "/api/leads/" + leadId + "/consents")
                .then().statusCode(200).extract().jsonPath().getList("history")).isEmpty();

        given().accept("text/html").get(link.get()).then().statusCode(200);

        JsonPath ledger = given().auth().oauth2(crm).get(Suite.CAPTURE + "/api/leads/" + leadId + "/consents")
                .then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getString("current[0].purpose")).isEqualTo("newsletter");
        assertThat(ledger.getString("current[0].status")).isEqualTo("GRANTED");
        assertThat(ledger.getString("history[0].proof.method")).isEqualTo("double-opt-in");
        assertThat(ledger.getString("history[0].proof.source")).isEqualTo(key);
        assertThat(ledger.getString("history[0].proof.address")).isEqualTo(email);
        given().accept("text/html").get(link.get()).then().statusCode(410);
    }
}
