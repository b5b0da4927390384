package io.leadstream.capture.forms.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadstream.capture.intake.LeadCaptured;
import io.leadstream.capture.testing.FormRows;
import io.leadstream.capture.testing.LeadRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.Management;
import io.leadstream.chassis.testing.GreenMailResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Public posts to a web form (POST /forms/{formKey}): browser 303, JSON 201, 404, per-form CORS, honeypot, rate
 * limits, validation in the form's own field names, consent at submission. Each test creates its own form, so
 * its quota buckets are its own.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GreenMailResource.class)
@TestSecurity(user = "admin", roles = { "lead-admin", "integration" })
public class WebFormSubmissionTest {

    static final String PAGE = "https://www.example.com";

    @Inject
    FormRows rows;
    @Inject
    LeadRows leads;

    private static String form(String extra) {
        return FormRows.createForm("""
                {"name":"Contact us","allowedOrigins":["%s"],
                 "fields":{"your_email":"email","first":"firstName","last":"lastName","org":"company","tel":"phone"},
                 "redirectUrl":"https://www.example.com/thanks#top"%s}""".formatted(PAGE, extra));
    }

    /** A browser's urlencoded post (UTF-8, no redirect following: the 303 is what is tested). */
    public static RequestSpecification browser() {
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    static String email() {
        return "ada+" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    @Test
    void shouldStoreABrowserPostAndSeeTheBrowserToTheRedirectUrl() {
        String key = form("");
        String email = email();

        browser().header("Origin", PAGE)
                .formParam("your_email", " " + email.toUpperCase() + " ")
                .formParam("first", "ada").formParam("last", "LOVELACE").formParam("org", "Analytical Engines")
                .formParam("unmapped", "ignored")
                .post("/forms/" + key)
                .then().statusCode(303)
                .header("Location", equalTo("https://www.example.com/thanks?lead=submitted#top"))
                .header("Access-Control-Allow-Origin", equalTo(PAGE))
                .header("RateLimit-Limit", equalTo("10"));

        assertThat(rows.count("select count(*) from lead where email = $1 and form_key = $2 and source = 'web' "
                + "and first_name = 'Ada' and last_name = 'Lovelace' and company = 'Analytical Engines'", email, key))
                .isEqualTo(1);
        String id = rows.first("select id::text from lead where email = $1", email).toString();
        assertThat(rows.count("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.captured.v1'", id)).isEqualTo(1);
    }

    @Test
    void shouldNameNoCapturerForAWebFormLeadEvenWhenThePostCarriesAnIdentity() {
        // this class's @TestSecurity (admin) is on the post too: a public form's lead is nobody's capture all the same
        String key = form("");
        String email = email();

        given().contentType("application/json").header("Origin", PAGE)
                .body("""
                        {"your_email":"%s","first":"Grace","last":"Hopper","capturedBy":"admin"}""".formatted(email))
                .post("/forms/" + key)
                .then().statusCode(201);

        String id = rows.first("select id::text from lead where email = $1", email).toString();
        assertThat(leads.column(id, "captured_by")).isNull();
        List<JsonNode> captured = leads.events(id, "lead.captured");
        assertThat(captured).hasSize(1);
        assertThat(captured.get(0).has("capturedBy")).isTrue();
        LeadCaptured event = PublishedEvents.assertValid(LeadCaptured.class, captured.get(0));
        assertThat(event.capturedBy()).isNull();
        assertThat(event.formKey()).isEqualTo(key);
        given().get("/api/leads/" + id).then().statusCode(200)
                .body("capturedBy", nullValue())
                .body("formKey", equalTo(key));
    }

    @Test
    void shouldAnswerAJsonPost201WithAReferenceButNotTheLead() {
        String key = form("");
        String email = email();

        Response response = given().contentType("application/json").header("Origin", PAGE)
                .body("""
                        {"your_email":"%s","first":"Grace","last":"Hopper","org":null,"consent":true}""".formatted(email))
                .post("/forms/" + key);

        response.then().statusCode(201)
                .body("status", equalTo("submitted"))
                .body("reference", matchesPattern("[0-9a-f-]{36}"))
                .body("confirmationRequired", equalTo(false))
                .header("Location", nullValue());
        String id = rows.first("select id::text from lead where email = $1", email).toString();
        assertThat(response.asString()).doesNotContain(id).doesNotContain(email).doesNotContain("Grace");
    }

    @Test
    void shouldAnswer404ForAnUnknownOrInactiveForm() {
        browser().formParam("your_email", email()).post("/forms/no-such-form")
                .then().statusCode(404).contentType("application/problem+json");

        String key = form(",\"active\":false");
        given().contentType("application/json").body("{\"your_email\":\"" + email() + "\"}").post("/forms/" + key)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Origin", PAGE).header("Access-Control-Request-Method", "POST").options("/forms/" + key)
                .then().statusCode(404);
    }

    @Test
    void shouldAnswerThePreflightOnlyForAnAllowedOrigin() {
        String key = form("");

        given().header("Origin", PAGE).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/forms/" + key)
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(PAGE))
                .header("Access-Control-Allow-Methods", equalTo("POST"))
                .header("Access-Control-Allow-Headers", equalTo("Content-Type"));

        given().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .options("/forms/" + key)
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
    }

    @Test
    void shouldRefuseAPostFromAnotherOriginAndStoreNothing() {
        String key = form("");
        String email = email();

        browser().header("Origin", "https://evil.example.net")
                .formParam("your_email", email).formParam("first", "Eve").formParam("last", "Dropper")
                .post("/forms/" + key)
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue())
                .body("type", equalTo("https://leadstream.dev/problems/origin-not-allowed"));
        given().contentType("application/json").header("Origin", "null")
                .body("{\"your_email\":\"%s\",\"first\":\"Eve\",\"last\":\"Dropper\"}".formatted(email))
                .post("/forms/" + key).then().statusCode(403);

        assertThat(rows.count("select count(*) from lead where email = $1", email)).isZero();
    }

    @Test
    void shouldAnswerAFilledHoneypotLikeASuccessAndStoreNothing() {
        String key = form("");
        String email = email();

        browser().header("Origin", PAGE)
                .formParam("your_email", email).formParam("first", "Spam").formParam("last", "Bot")
                .formParam("website", "https://spam.example")
                .post("/forms/" + key)
                .then().statusCode(303)
                .header("Location", equalTo("https://www.example.com/thanks?lead=submitted#top"));
        given().contentType("application/json")
                .body("{\"your_email\":\"%s\",\"first\":\"Spam\",\"last\":\"Bot\",\"website\":\"x\"}".formatted(email))
                .post("/forms/" + key)
                .then().statusCode(201).body("status", equalTo("submitted"));

        assertThat(rows.count("select count(*) from lead where email = $1", email)).isZero();
        given().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("leadstream_forms_submissions_total{form=\"" + key + "\",outcome=\"honeypot\"} 2.0"));
    }

    @Test
    void shouldAnswer429WithRetryAfterOncePerClientQuotaIsUsed() {
        String key = form(",\"quota\":{\"perClient\":{\"permits\":2,\"windowSeconds\":3600}}");

        for (int i = 0; i < 2; i++) {
            browser().formParam("your_email", email()).formParam("first", "Ada").formParam("last", "Lovelace")
                    .post("/forms/" + key).then().statusCode(303).header("RateLimit-Remaining", equalTo(String.valueOf(1 - i)));
        }
        String email = email();
        Response limited = browser().header("Origin", PAGE)
                .formParam("your_email", email).formParam("first", "Ada").formParam("last", "Lovelace")
                .post("/forms/" + key);

        limited.then().statusCode(429).contentType("application/problem+json")
                .header("RateLimit-Limit", equalTo("2"))
                .header("RateLimit-Remaining", equalTo("0"))
                .header("RateLimit-Policy", equalTo("2;w=3600"))
                .header("Access-Control-Allow-Origin", equalTo(PAGE));
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 1800L);
        assertThat(rows.count("select count(*) from lead where email = $1", email)).isZero();
    }

    @Test
    void shouldCountTheAddressATrustedProxyForwardsAsTheClient() {
        // the tests run as if behind a reverse proxy on 127.0.0.1 (quarkus.http.proxy.trusted-proxies)
        String key = form(",\"quota\":{\"perClient\":{\"permits\":1,\"windowSeconds\":3600}}");
        for (String client : new String[] { "203.0.113.7", "198.51.100.1" }) {
            browser().header("X-Forwarded-For", client)
                    .formParam("your_email", email()).formParam("first", "Ada").formParam("last", "Lovelace")
                    .post("/forms/" + key).then().statusCode(303);
        }
        browser().header("X-Forwarded-For", "203.0.113.7")
                .formParam("your_email", email()).formParam("first", "Ada").formParam("last", "Lovelace")
                .post("/forms/" + key).then().statusCode(429);
    }

    @Test
    void shouldAnswer429OncePerFormQuotaIsUsedWhateverTheClient() {
        String key = form(",\"quota\":{\"perForm\":{\"permits\":1,\"windowSeconds\":600},"
                + "\"perClient\":{\"permits\":50,\"windowSeconds\":60}}");

        browser().formParam("your_email", email()).formParam("first", "Ada").formParam("last", "Lovelace")
                .post("/forms/" + key).then().statusCode(303);
        given().contentType("application/json")
                .body("{\"your_email\":\"%s\",\"first\":\"Ada\",\"last\":\"Lovelace\"}".formatted(email()))
                .post("/forms/" + key)
                .then().statusCode(429)
                .header("RateLimit-Policy", equalTo("1;w=600"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void shouldNameTheFormsOwnFieldsInA400() {
        String key = form("");

        browser().header("Origin", PAGE)
                .formParam("your_email", email()).formParam("last", "Lovelace")
                .post("/forms/" + key)
                .then().statusCode(400).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", equalTo(PAGE))
                .body("errors.field", contains("first"));
        String invalid = "not-an-email-" + UUID.randomUUID();
        browser().formParam("your_email", invalid).formParam("first", "Ada").formParam("last", "Lovelace")
                .post("/forms/" + key)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("your_email"));
        assertThat(rows.count("select count(*) from lead where email = $1", invalid)).isZero();

        given().contentType("application/json")
                .body("{\"your_email\":\"ada@example.com\",\"first\":\"Ada\",\"last\":{\"x\":1}}")
                .post("/forms/" + key)
                .then().statusCode(400).body("errors[0].field", equalTo("last"));
    }

    @Test
    void shouldRecordTheConsentAtSubmissionWhenItsCheckboxIsTicked() {
        String key = form(",\"consent\":{\"purpose\":\"marketing\",\"textVersion\":\"mkt-2026-01\",\"field\":\"ok\"}");
        String ticked = email();
        String unticked = email();

        browser().formParam("your_email", ticked).formParam("first", "Ada").formParam("last", "Lovelace")
                .formParam("ok", "yes").post("/forms/" + key).then().statusCode(303);
        browser().formParam("your_email", unticked).formParam("first", "Ada").formParam("last", "Lovelace")
                .post("/forms/" + key).then().statusCode(303);

        String id = rows.first("select id::text from lead where email = $1", ticked).toString();
        given().get("/api/leads/" + id + "/consents").then().statusCode(200)
                .body("current[0].purpose", equalTo("marketing"))
                .body("current[0].channel", equalTo("email"))
                .body("current[0].status", equalTo("GRANTED"))
                .body("history[0].proof.method", equalTo("web-form"))
                .body("history[0].proof.textVersion", equalTo("mkt-2026-01"))
                .body("history[0].proof.source", equalTo(key))
                .body("history[0].proof.address", equalTo(ticked))
                .body("history[0].proof.ipAddress", equalTo("127.0.0.1"))
                .body("history[0].recordedBy", equalTo("form:" + key));
        String other = rows.first("select id::text from lead where email = $1", unticked).toString();
        assertThat(rows.count("select count(*) from consent_entry where lead_id = $1::uuid", other)).isZero();
    }
}
