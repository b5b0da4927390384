package io.leadstream.capture.channels.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.channels.LeadInquired;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The Google Ads lead form webhook (issue 3, quality.md S8): google_key checked (403, nothing stored), a lead with
 * its campaign data, Google's retries by lead_id create one lead, test leads are marked.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class GoogleAdsWebhookTest {

    @Inject
    IdempotencyRows rows;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;

    @Test
    void shouldRefuseAWrongOrMissingKeyAndStoreNothing() {
        String leadId = leadId();
        String email = "wrong-key+" + tag() + "@example.com";

        post(payload(leadId, "test-google-keY", email, false)).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/webhook-key-invalid"));
        post(payload(leadId, "", email, false)).then().statusCode(403);
        post(payload(leadId, "test-google-key", email, false).replace("\"google_key\": \"test-google-key\",", ""))
                .then().statusCode(403);

        assertThat(rows.leadsWithEmail(email)).isZero();
        assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", leadId)).isEqualTo(0L);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldCreateALeadWithItsCampaignData() throws Exception {
        String leadId = leadId();
        String email = "grace+" + tag() + "@navy.example";

        Response response = post(payload(leadId, "test-google-key", email, false));

        response.then().statusCode(200)
                .body("outcome", equalTo("CREATED"))
                .body("duplicate", equalTo(false));
        String id = response.path("leadId");
        response.then().header("Location", endsWith("/api/leads/" + id));
        given().get("/api/leads/" + id).then().statusCode(200)
                .body("firstName", equalTo("Grace Brewster"))
                .body("lastName", equalTo("Hopper"))
                .body("email", equalTo(email))
                .body("phone", org.hamcrest.Matchers.matchesPattern("\\+44207\\d{7}"))
                .body("company", equalTo("Compiler Corp"))
                .body("country", equalTo("US"))
                .body("source", equalTo("google-ads"));
        JsonNode details = mapper.readTree((String) rows.query(
                "select details::text from inbound_contact where channel = 'google-ads' and external_id = $1", leadId));
        assertThat(details.path("campaignId").asText()).isEqualTo("20418826931");
        assertThat(details.path("formId").asText()).isEqualTo("40000000001");
        assertThat(details.path("adgroupId").asText()).isEqualTo("150000000002");
        assertThat(details.path("creativeId").asText()).isEqualTo("690000000003");
        assertThat(details.path("gclId").asText()).isEqualTo("EAIaIQobChMI8Kz3");
        assertThat(rows.query("select test from inbound_contact where external_id = $1", leadId)).isEqualTo(false);
        // a webhook's lead names no capturer, whoever else is signed in (this test's @TestSecurity is on the post too)
        assertThat(rows.query("select captured_by from lead where id = $1", UUID.fromString(id))).isNull();
        assertThat(rows.query("select payload->>'capturedBy' from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.captured.v1'", id)).isNull();
        List<JsonNode> events = WhatsAppWebhookTest.inquiredEvents(pool, mapper, UUID.fromString(id));
        assertThat(events).hasSize(1);
        PublishedEvents.assertValid(LeadInquired.class, events.get(0));
        assertThat(events.get(0).path("channel").asText()).isEqualTo("google-ads");
        assertThat(events.get(0).path("messageType").asText()).isEqualTo("lead-form");
        assertThat(events.get(0).path("newLead").asBoolean()).isTrue();
        assertThat(events.get(0).toString()).doesNotContain(email).doesNotContain(((String) rows.query("select phone from lead where email = $1", email)).substring(3));
    }

    @Test
    void shouldCreateOneLeadWhenGoogleRetriesALeadId() {
        String leadId = leadId();
        String email = "retry+" + tag() + "@example.com";
        String body = payload(leadId, "test-google-key", email, false);

        String first = post(body).then().statusCode(200).body("outcome", equalTo("CREATED")).extract().path("leadId");
        post(body).then().statusCode(200)
                .body("leadId", equalTo(first))
                .body("outcome", equalTo("CREATED"))
                .body("duplicate", equalTo(true));

        assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
        assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", leadId)).isEqualTo(1L);
        assertThat(WhatsAppWebhookTest.inquiredEvents(pool, mapper, UUID.fromString(first))).hasSize(1);
    }

    @Test
    void shouldCreateOneLeadWhenGoogleDeliversALeadIdSeveralTimesAtOnce() throws Exception {
        String leadId = leadId();
        String email = "at-once+" + tag() + "@example.com";
        String body = payload(leadId, "test-google-key", email, false);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            List<CompletableFuture<Response>> deliveries = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                deliveries.add(CompletableFuture.supplyAsync(() -> post(body), threads));
            }
            List<Response> answers = new ArrayList<>();
            for (CompletableFuture<Response> delivery : deliveries) {
                answers.add(delivery.get(30, TimeUnit.SECONDS));
            }

            assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
            String lead = answers.get(0).path("leadId");
            assertThat(answers).extracting(answer -> answer.<String>path("leadId")).containsOnly(lead);
            assertThat(answers).filteredOn(answer -> !answer.<Boolean>path("duplicate")).hasSize(1);
            assertThat(rows.leadsWithEmail(email)).isEqualTo(1);
            assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", leadId)).isEqualTo(1L);
            assertThat(rows.query("select count(*) from lead_merge m join lead l on l.id = m.lead_id where l.email = $1",
                    email)).isEqualTo(0L);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldAcceptAndMarkATestLead() {
        String leadId = leadId();
        String email = "test-lead+" + tag() + "@example.com";

        String id = post(payload(leadId, "test-google-key", email, true)).then().statusCode(200).extract().path("leadId");

        assertThat(rows.query("select test from inbound_contact where external_id = $1", leadId)).isEqualTo(true);
        assertThat(WhatsAppWebhookTest.inquiredEvents(pool, mapper, UUID.fromString(id)).get(0).path("test").asBoolean())
                .isTrue();
    }

    @Test
    void shouldAnswer400WhenTheAnswersCannotMakeALead() {
        String body = """
                {"lead_id": "%s", "api_version": "1.0", "form_id": 40000000001, "campaign_id": 20418826931,
                 "google_key": "test-google-key", "is_test": false,
                 "user_column_data": [{"column_name": "Full Name", "string_value": "No Contact", "column_id": "FULL_NAME"}]}"""
                .formatted(leadId());

        post(body).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("email"));
    }

    @Test
    void shouldAnswer400WithoutALeadId() {
        post(payload("", "test-google-key", "x+" + tag() + "@example.com", false)).then().statusCode(400)
                .body("errors[0].field", equalTo("lead_id"));
    }

    /** Google's payload shape (webhook implementation guide), ids as int64 numbers. */
    static String payload(String leadId, String key, String email, boolean test) {
        return """
                {
                  "lead_id": "%s",
                  "user_column_data": [
                    {"column_name": "Full Name", "string_value": "Grace Brewster Hopper", "column_id": "FULL_NAME"},
                    {"column_name": "User Email", "string_value": "%s", "column_id": "EMAIL"},
                    {"column_name": "User Phone", "string_value": "%s", "column_id": "PHONE_NUMBER"},
                    {"column_name": "Company Name", "string_value": "Compiler Corp", "column_id": "COMPANY_NAME"},
                    {"column_name": "Country", "string_value": "United States", "column_id": "COUNTRY"},
                    {"column_name": "What is your budget?", "string_value": "10k", "column_id": "BUDGET_QUESTION"}
                  ],
                  "api_version": "1.0",
                  "form_id": 40000000001,
                  "campaign_id": 20418826931,
                  "google_key": "%s",
                  "is_test": %s,
                  "gcl_id": "EAIaIQobChMI8Kz3",
                  "adgroup_id": 150000000002,
                  "creative_id": 690000000003
                }""".formatted(leadId, email, "+" + WhatsAppWebhookTest.waId(), key, test);
    }

    static Response post(String body) {
        return given().contentType("application/json").body(body).post("/webhooks/google-ads");
    }

    static String leadId() {
        return "TeSter-" + UUID.randomUUID();
    }

    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
