package io.leadstream.capture.forms.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.leadstream.capture.consent.ConsentChanged;
import io.leadstream.capture.testing.FormRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.GreenMailResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Double opt-in end to end: a form post stores the lead without consent, a real SMTP server (GreenMail) receives the
 * confirmation email, following its link records the grant in the consent ledger and emits consent.changed; the link
 * works once, and an unknown or expired one is refused.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
@TestSecurity(user = "admin", roles = { "lead-admin", "integration" })
class WebFormDoubleOptInTest {

    private static final Pattern LINK = Pattern.compile("http://[^\\s\"<>]+/forms/[A-Za-z0-9_-]+/confirm\\?token=[A-Za-z0-9_-]+");

    @Inject
    FormRows rows;
    @Inject
    ObjectMapper mapper;

    private static String newsletter(String extraConsent) {
        return FormRows.createForm("""
                {"name":"Newsletter <b>","allowedOrigins":["https://www.example.com"],
                 "fields":{"email":"email","first":"firstName","last":"lastName"},
                 "redirectUrl":"https://www.example.com/thanks","doubleOptIn":true,
                 "consent":{"purpose":"newsletter","textVersion":"nl-2026-01"%s}}""".formatted(extraConsent));
    }

    private String submit(String key, String email) throws Exception {
        int before = GreenMailResource.greenMail().getReceivedMessages().length;
        WebFormSubmissionTest.browser().formParam("email", email).formParam("first", "Ada").formParam("last", "Lovelace")
                .post("/forms/" + key).then().statusCode(303);
        assertThat(GreenMailResource.greenMail().waitForIncomingEmail(10_000, before + 1)).isTrue();
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages())
                .filter(m -> recipient(m).equals(email)).findFirst().orElseThrow().getMessageID();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage mailTo(String email) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages())
                .filter(m -> recipient(m).equals(email)).findFirst().orElseThrow();
    }

    private static String link(MimeMessage message) {
        Matcher matcher = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
        assertThat(matcher.find()).as("a confirmation link in the mail").isTrue();
        return matcher.group();
    }

    /** The link's path and query, to follow it against the test server. */
    private static String pathOf(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    @Test
    void shouldRecordTheConsentOnlyWhenTheMailedLinkIsFollowedAndOnlyOnce() throws Exception {
        String key = newsletter("");
        String email = "ada+" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";

        submit(key, email);
        String id = rows.first("select id::text from lead where email = $1", email).toString();
        assertThat(rows.count("select count(*) from consent_entry where lead_id = $1::uuid", id))
                .as("no consent before the link is followed").isZero();

        MimeMessage mail = mailTo(email);
        assertThat(mail.getSubject()).isEqualTo("Please confirm: Newsletter <b>");
        assertThat(mail.getContent()).isInstanceOf(Multipart.class);
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).contains("text/plain").contains("text/html").contains("Newsletter &lt;b&gt;");
        String link = link(mail);
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(rows.count("select count(*) from form_confirmation where token_hash = $1", token))
                .as("the token itself is never stored").isZero();

        given().accept("text/html").get(pathOf(link)).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Your subscription is confirmed."));

        given().get("/api/leads/" + id + "/consents").then().statusCode(200)
                .body("current", hasSize(1))
                .body("current[0].purpose", equalTo("newsletter"))
                .body("current[0].channel", equalTo("email"))
                .body("current[0].status", equalTo("GRANTED"))
                .body("history[0].proof.method", equalTo("double-opt-in"))
                .body("history[0].proof.textVersion", equalTo("nl-2026-01"))
                .body("history[0].proof.source", equalTo(key))
                .body("history[0].proof.address", equalTo(email))
                .body("history[0].proof.ipAddress", equalTo("127.0.0.1"))
                .body("history[0].recordedBy", equalTo("form:" + key));
        assertThat(rows.count("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.consent.changed.v1'", id)).isEqualTo(1);
        Object payload = rows.first("select payload::text from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.consent.changed.v1'", id);
        PublishedEvents.assertValid(ConsentChanged.class, mapper.readTree(payload.toString()));
        assertThat(payload.toString()).doesNotContain(email).contains("double-opt-in");

        given().accept("text/html").get(pathOf(link)).then().statusCode(410)
                .contentType(containsString("text/html"))
                .body(containsString("already used"));
        given().accept("application/json").get(pathOf(link)).then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/confirmation-gone"));
        assertThat(rows.count("select count(*) from consent_entry where lead_id = $1::uuid", id)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownTokenAndAnExpiredLink() throws Exception {
        String key = newsletter("");
        given().get("/forms/" + key + "/confirm?token=not-a-token").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/confirmation-unknown"));
        given().get("/forms/" + key + "/confirm").then().statusCode(404);

        String email = "ada+" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        submit(key, email);
        String id = rows.first("select id::text from lead where email = $1", email).toString();
        rows.execute("update form_confirmation set expires_at = now() - interval '1 second' where lead_id = $1::uuid", id);

        given().accept("text/html").get(pathOf(link(mailTo(email)))).then().statusCode(410)
                .body(containsString("expired"));
        given().get("/forms/other-form/confirm?" + URI.create(link(mailTo(email))).getRawQuery()).then().statusCode(404);
        assertThat(rows.count("select count(*) from consent_entry where lead_id = $1::uuid", id)).isZero();
    }

    @Test
    void shouldSendTheConfirmedLinkToTheFormsConfirmedRedirectUrl() throws Exception {
        String key = newsletter(",\"confirmedRedirectUrl\":\"https://www.example.com/confirmed\"");
        String email = "ada+" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";

        submit(key, email);

        given().redirects().follow(false).get(pathOf(link(mailTo(email)))).then().statusCode(303)
                .header("Location", equalTo("https://www.example.com/confirmed"));
    }

    @Test
    void shouldSayAConfirmationIsRequiredToAJsonPost() {
        String key = newsletter("");
        given().contentType("application/json").body("""
                {"email":"grace+%s@example.com","first":"Grace","last":"Hopper"}""".formatted(UUID.randomUUID()))
                .post("/forms/" + key)
                .then().statusCode(201)
                .body("confirmationRequired", equalTo(true));
    }
}
