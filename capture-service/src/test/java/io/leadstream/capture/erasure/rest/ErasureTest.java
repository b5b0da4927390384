package io.leadstream.capture.erasure.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.erasure.LeadErased;
import io.leadstream.capture.forms.rest.WebFormSubmissionTest;
import io.leadstream.capture.idempotency.Reply;
import io.leadstream.capture.partner.rest.PartnerLeadResource;
import io.leadstream.capture.partner.rest.PartnerLeadSubmissions;
import io.leadstream.capture.testing.FormRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** DELETE /api/leads/{id}: nothing personal about the lead remains in any of capture's tables. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "admin", roles = { "lead-admin", "sales-manager" }) // a manager logs the call (api.md: not an admin's)
class ErasureTest {

    @Inject
    Pool pool;
    @Inject
    PartnerLeadSubmissions partnerLeads;
    @Inject
    ObjectMapper mapper;
    /** A lead with distinctive personal values, a merged submission, consents with proof and an idempotency key. */
    private record Person(String leadId, List<String> personalValues) {
    }

    private Person personWithHistory() throws Throwable {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String first = "Zerafina" + letters(tag);
        String last = "Quillfeather" + letters(tag);
        String email = "erase." + tag + "@mailbox.example";
        String phone = londonNumber();
        String mobile = londonNumber();
        String ip = "198.51.100." + (1 + ThreadLocalRandom.current().nextInt(250));

        String leadId = given().contentType("application/json").header("Idempotency-Key", "erase-" + tag)
                .body("""
                        {"firstName":"%s","lastName":"%s","email":"%s","phone":"%s","company":"Erasable Ltd",
                         "country":"GB","source":"web","jobTitle":"Chief Erasure Officer",
                         "address":{"street":"%s Lane 7","city":"Ambridge","postalCode":"AB1 2CD"},
                         "additionalInfo":{"socialAccounts":{"linkedin":"in-%s"},"birthDate":"1815-12-10"},
                         "notes":"met %s at the fair","referrer":"https://ref.example/?who=%s"}"""
                        .formatted(first, last, email, phone, tag, tag, tag, tag))
                .post("/api/leads").then().statusCode(201).extract().path("id");
        given().contentType("application/json")
                .body("""
                        {"firstName":"%s","lastName":"%s","email":"%s","phone":"%s","source":"web"}"""
                        .formatted(first, last, email.toUpperCase(Locale.ROOT), mobile))
                .post("/api/leads").then().statusCode(200).body("duplicateOf", equalTo(leadId));
        given().contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED",
                 "proof":{"method":"web-form","textVersion":"v1","source":"contact-form","address":"%s","ipAddress":"%s"}}"""
                .formatted(email, ip)).post("/api/leads/" + leadId + "/consents").then().statusCode(201);
        given().contentType("application/json").body("""
                {"purpose":"sales-contact","channel":"whatsapp","status":"GRANTED",
                 "proof":{"method":"verbal","textVersion":"v1","source":"call","address":"%s"}}"""
                .formatted(mobile)).post("/api/leads/" + leadId + "/consents").then().statusCode(201);
        String partnerPhone = londonNumber();
        submitAsPartner("acme", "{\"firstName\":\"" + first + "\",\"lastName\":\"" + last + "\",\"email\":\""
                + email + "\",\"phone\":\"" + partnerPhone + "\"}", "erase-partner-" + tag);
        given().contentType("application/json").body("""
                {"phone":"%s","direction":"inbound","durationSeconds":60,"outcome":"answered",
                 "summary":"asked for %s's quote","callId":"call-%s"}""".formatted(phone, tag, tag))
                .post("/api/calls").then().statusCode(200);
        String form = FormRows.createForm("""
                {"name":"Erasure test form","allowedOrigins":["https://www.example.com"],
                 "fields":{"email":"email","first":"firstName","last":"lastName"},
                 "redirectUrl":"https://www.example.com/thanks","doubleOptIn":true,
                 "consent":{"purpose":"newsletter","textVersion":"nl-1"}}""");
        WebFormSubmissionTest.browser().formParam("email", email).formParam("first", first).formParam("last", last)
                .post("/forms/" + form).then().statusCode(303);
        String otherEmail = "other." + tag + "@work.example";
        String duplicate = given().contentType("application/json")
                .body("""
                        {"firstName":"%s","lastName":"%s","email":"%s","source":"migration"}"""
                        .formatted(first, last, otherEmail))
                .post("/api/leads").then().statusCode(201).extract().path("id");
        given().contentType("application/json").body("{\"duplicateId\":\"" + duplicate + "\",\"reason\":\"same person\"}")
                .post("/api/leads/" + leadId + "/merge").then().statusCode(200);
        return new Person(leadId, List.of(first.toLowerCase(Locale.ROOT), last.toLowerCase(Locale.ROOT), email,
                phone, mobile, ip, tag, "1815-12-10", otherEmail, partnerPhone));
    }

    /** A partner submission through the partner API's own pipeline (the test's identity is an admin). */
    private void submitAsPartner(String partnerId, String json, String idempotencyKey) throws Throwable {
        Principal caller = () -> "partner-" + partnerId;
        var body = mapper.readTree(json);
        Reply reply = VertxContextSupport.subscribeAndAwait(() -> partnerLeads.submit(body, partnerId,
                PartnerLeadResource.key(caller, partnerId, idempotencyKey), new Viewer(caller.getName(), false),
                URI.create("http://localhost/"), "/api/partner/leads"));
        assertThat(reply.status()).isEqualTo(201);
    }

    /** A London number in E.164 ({@code +44 20 7xxx xxxx}), random enough not to meet another test's. */
    private static String londonNumber() {
        return "+44207" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static String letters(String hex) {
        StringBuilder out = new StringBuilder();
        for (char c : hex.toCharArray()) {
            out.append((char) ('a' + Character.digit(c, 16)));
        }
        return out.toString();
    }

    @Test
    void shouldLeaveNothingPersonalInAnyTable() throws Throwable {
        Person person = personWithHistory();
        assertThat(rowsMentioning(person.personalValues())).as("the personal data is stored before erasure")
                .isNotEmpty();

        given().delete("/api/leads/" + person.leadId()).then().statusCode(202)
                .body("leadId", equalTo(person.leadId()))
                .body("erasedAt", org.hamcrest.Matchers.notNullValue());

        assertThat(rowsMentioning(person.personalValues())).as("rows still holding personal data").isEmpty();
    }

    @Test
    void shouldKeepTheConsentProofPseudonymisedAndAnswer410Afterwards() throws Throwable {
        Person person = personWithHistory();
        given().delete("/api/leads/" + person.leadId()).then().statusCode(202);

        given().get("/api/leads/" + person.leadId()).then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/lead-erased"));
        given().get("/api/leads/" + person.leadId() + "/consents").then().statusCode(410);
        given().get("/api/leads/" + person.leadId() + "/duplicates").then().statusCode(410);
        given().queryParam("q", person.personalValues().get(0)).get("/api/leads").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());

        List<Row> proofs = new ArrayList<>();
        pool.preparedQuery("select purpose, status, method, text_version, address, ip_address from consent_entry "
                + "where lead_id = $1 order by seq").execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(
                        person.leadId()))).await().atMost(Duration.ofSeconds(10)).forEach(proofs::add);
        assertThat(proofs).hasSize(2);
        assertThat(proofs).allSatisfy(row -> {
            assertThat(row.getString("address")).matches("hmac-sha256:[0-9a-f]{64}");
            assertThat(row.getString("ip_address")).isNull();
            assertThat(row.getString("status")).isEqualTo("GRANTED");
            assertThat(row.getString("text_version")).isEqualTo("v1");
        });
        assertThat(proofs.get(0).getString("address")).isNotEqualTo(proofs.get(1).getString("address"));
    }

    @Test
    void shouldAnnounceLeadErasedOnceWithoutPersonalData() throws Throwable {
        Person person = personWithHistory();
        String first = given().delete("/api/leads/" + person.leadId()).then().statusCode(202).extract().path("erasedAt");
        String again = given().delete("/api/leads/" + person.leadId()).then().statusCode(202).extract().path("erasedAt");
        assertThat(again).as("erasing again answers the first erasure").isEqualTo(first);

        List<String> erased = new ArrayList<>();
        pool.preparedQuery("select payload::text from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.erased.v1'").execute(io.vertx.mutiny.sqlclient.Tuple.of(
                        person.leadId())).await().atMost(Duration.ofSeconds(10))
                .forEach(row -> erased.add(row.getString(0)));
        assertThat(erased).as("one lead.erased, however often the lead is erased").hasSize(1);
        var payload = mapper.readTree(erased.get(0));
        PublishedEvents.assertValid(LeadErased.class, payload);
        assertThat(payload.get("leadId").asText()).isEqualTo(person.leadId());
    }

    @Test
    void shouldAnswer404ForAnUnknownLead() {
        given().delete("/api/leads/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetOnlyAdminsErase() {
        String lead = given().contentType("application/json")
                .body("{\"firstName\":\"Kept\",\"lastName\":\"Lead\",\"email\":\"kept." + UUID.randomUUID()
                        + "@example.com\",\"source\":\"web\"}")
                .post("/api/leads").then().statusCode(201).extract().path("id");
        given().delete("/api/leads/" + lead).then().statusCode(403).contentType("application/problem+json");
        given().get("/api/leads/" + lead).then().statusCode(200).body("firstName", startsWith("Kept"));
    }

    /** "table: row" for every row of every table in capture's schema whose text mentions one of the values. */
    private List<String> rowsMentioning(List<String> values) {
        List<String> tables = new ArrayList<>();
        pool.query("select table_name from information_schema.tables where table_schema = 'public' "
                + "and table_type = 'BASE TABLE'").execute().await().atMost(Duration.ofSeconds(10))
                .forEach(row -> tables.add(row.getString(0)));
        assertThat(tables).contains("lead", "consent_entry", "lead_merge", "idempotency_key", "outbox_event",
                "partner_submission", "inbound_contact", "form_confirmation");
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            pool.query("select t::text from \"" + table + "\" t").execute().await().atMost(Duration.ofSeconds(10))
                    .forEach(row -> {
                        String text = row.getString(0).toLowerCase(Locale.ROOT);
                        values.stream().filter(v -> text.contains(v.toLowerCase(Locale.ROOT)))
                                .findFirst().ifPresent(v -> found.add(table + " mentions " + v));
                    });
        }
        return found;
    }
}
