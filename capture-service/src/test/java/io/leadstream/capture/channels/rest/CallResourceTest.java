package io.leadstream.capture.channels.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.channels.LeadInquired;
import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/** POST /api/calls (issue 3): a logged call becomes a lead, or an inquiry on the lead that has its phone. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class CallResourceTest {

    @Inject
    IdempotencyRows rows;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldCreateALeadFromACallOfAnUnknownNumber() {
        String national = LeadDeduplicationTest.londonNumber();
        String e164 = "+44" + national.substring(1).replace(" ", "");

        Response response = post(null, """
                {"phone":"%s","country":"GB","firstName":"alan","lastName":"turing","company":"Bletchley Ltd",
                 "direction":"inbound","occurredAt":"2026-01-05T09:30:00Z","durationSeconds":312,"outcome":"answered",
                 "summary":"Wants a demo of the enterprise plan next week"}""".formatted(national));

        response.then().statusCode(201)
                .body("outcome", equalTo("CREATED"))
                .body("duplicate", equalTo(false));
        String leadId = response.path("leadId");
        response.then().header("Location", endsWith("/api/leads/" + leadId));
        assertThat(rows.query("select phone || ' ' || first_name || ' ' || last_name || ' ' || source from lead "
                + "where id = $1", UUID.fromString(leadId))).isEqualTo(e164 + " Alan Turing call");
        assertThat(rows.query("select note from inbound_contact where lead_id = $1", UUID.fromString(leadId)))
                .isEqualTo("Wants a demo of the enterprise plan next week");
        // the rep who logged the call captured the lead it created (distribution's OWNER strategy gives it to them)
        assertThat(rows.query("select captured_by from lead where id = $1", UUID.fromString(leadId))).isEqualTo("rep1");
        assertThat(rows.query("select payload->>'capturedBy' from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.captured.v1'", leadId)).isEqualTo("rep1");
        JsonNode event = inquired(leadId).get(0);
        PublishedEvents.assertValid(LeadInquired.class, event);
        assertThat(event.path("channel").asText()).isEqualTo("call");
        assertThat(event.path("newLead").asBoolean()).isTrue();
        assertThat(event.path("direction").asText()).isEqualTo("inbound");
        assertThat(event.path("durationSeconds").asInt()).isEqualTo(312);
        assertThat(event.path("outcome").asText()).isEqualTo("answered");
        assertThat(event.path("receivedAt").asText()).isEqualTo("2026-01-05T09:30:00Z");
        assertThat(event.path("textLength").asInt()).isEqualTo("Wants a demo of the enterprise plan next week".length());
        assertThat(event.toString()).doesNotContain("demo").doesNotContain(e164.substring(3)).doesNotContain("Turing");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldLogACallFromAKnownNumberAsAnInquiryOnThatLead() {
        String national = LeadDeduplicationTest.londonNumber();
        String leadId = given().contentType("application/json")
                .body("""
                        {"firstName":"Ada","lastName":"Lovelace","phone":"+44 %s","source":"web"}"""
                        .formatted(national.substring(1)))
                .post("/api/leads").then().statusCode(201).extract().path("id");

        post(null, """
                {"phone":"%s","country":"GB","direction":"outbound","durationSeconds":45,"outcome":"voicemail"}"""
                .formatted(national))
                .then().statusCode(200)
                .header("Location", endsWith("/api/leads/" + leadId))
                .body("leadId", equalTo(leadId))
                .body("outcome", equalTo("INQUIRY"));

        assertThat(rows.query("select count(*) from lead where phone = $1",
                "+44" + national.substring(1).replace(" ", ""))).isEqualTo(1L);
        List<JsonNode> events = inquired(leadId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("newLead").asBoolean()).isFalse();
        assertThat(events.get(0).path("direction").asText()).isEqualTo("outbound");
        assertThat(events.get(0).has("textLength")).isFalse();
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldRecordACallIdOnceAndReplayAnIdempotencyKey() {
        String national = LeadDeduplicationTest.londonNumber();
        String callId = "pbx-" + UUID.randomUUID();
        String body = """
                {"phone":"%s","country":"GB","firstName":"Grace","lastName":"Hopper","callId":"%s"}"""
                .formatted(national, callId);

        String leadId = post(null, body).then().statusCode(201).extract().path("leadId");
        post(null, body).then().statusCode(200)
                .body("leadId", equalTo(leadId))
                .body("outcome", equalTo("CREATED"))
                .body("duplicate", equalTo(true));
        assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", callId)).isEqualTo(1L);
        assertThat(inquired(leadId)).hasSize(1);

        String key = UUID.randomUUID().toString();
        String another = """
                {"phone":"%s","country":"GB","outcome":"callback-requested"}""".formatted(national);
        Response first = post(key, another);
        Response replay = post(key, another);
        first.then().statusCode(200).body("outcome", equalTo("INQUIRY"));
        replay.then().statusCode(200).header("Idempotency-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(inquired(leadId)).hasSize(2);
        post(key, another.replace("callback-requested", "answered")).then().statusCode(422);
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldAnswer400PerFieldAndStoreNothing() {
        given().contentType("application/json")
                .body("""
                        {"phone":"12","direction":"sideways","durationSeconds":-1,"outcome":"Not Good"}""")
                .post("/api/calls")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("direction", "durationSeconds", "outcome"));
        given().contentType("application/json").body("{\"phone\":\"12\"}").post("/api/calls")
                .then().statusCode(400).body("errors[0].field", equalTo("phone"));
        given().contentType("application/json").body("{\"phone\":\"+44 20 7946 0000\",\"occurredAt\":\"2999-01-01T00:00:00Z\"}")
                .post("/api/calls")
                .then().statusCode(400).body("errors[0].field", equalTo("occurredAt"));

        // an unknown number needs the new lead's names
        String national = LeadDeduplicationTest.londonNumber();
        given().contentType("application/json").body("{\"phone\":\"%s\",\"country\":\"GB\"}".formatted(national))
                .post("/api/calls")
                .then().statusCode(400).body("errors.field", hasItems("firstName", "lastName"));
        assertThat(rows.query("select count(*) from lead where phone = $1",
                "+44" + national.substring(1).replace(" ", ""))).isEqualTo(0L);
    }

    @Test
    @TestSecurity(user = "partner-acme", roles = "partner")
    void shouldRefuseAPartner() {
        given().contentType("application/json").body("{\"phone\":\"+44 20 7946 0000\"}").post("/api/calls")
                .then().statusCode(403).contentType("application/problem+json");
    }

    private List<JsonNode> inquired(String leadId) {
        return WhatsAppWebhookTest.inquiredEvents(pool, mapper, UUID.fromString(leadId));
    }

    private static Response post(String idempotencyKey, String body) {
        var request = given().contentType("application/json").body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/calls");
    }
}
