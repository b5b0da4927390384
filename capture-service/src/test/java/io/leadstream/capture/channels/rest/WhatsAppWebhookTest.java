package io.leadstream.capture.channels.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.channels.LeadInquired;
import io.leadstream.capture.channels.WebhookSecrets;
import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.testing.EventsWithPersonalData;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * The WhatsApp Cloud API webhook (issue 3, quality.md S8): handshake, signature over the raw body, a new sender
 * becomes a lead, a known phone an inquiry (lead.inquired without personal data), redeliveries change nothing.
 * Payloads have Meta's real shape; each test uses its own phone number (the database is shared by the test JVM).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
public class WhatsAppWebhookTest {

    static final String APP_SECRET = "test-app-secret";

    @Inject
    IdempotencyRows rows;
    @Inject
    ObjectMapper mapper;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void shouldEchoTheChallengeWhenTheVerifyTokenMatches() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .get("/webhooks/whatsapp")
                .then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(equalTo("1158201444"));
    }

    @Test
    void shouldRefuseTheHandshakeWithAWrongTokenOrMode() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-tokeN")
                .queryParam("hub.challenge", "1158201444")
                .get("/webhooks/whatsapp")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/webhook-verify-token-invalid"));
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .get("/webhooks/whatsapp")
                .then().statusCode(403);
    }

    @Test
    void shouldRefuseAMissingOrWrongSignatureAndStoreNothing() throws Exception {
        String waId = waId();
        String messageId = messageId();
        byte[] body = payload(waId, "Mallory Example", messageId, "hello").getBytes(StandardCharsets.UTF_8);

        post(body, null).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/webhook-signature-invalid"));
        post(body, WebhookSecrets.signature("another-secret", body)).then().statusCode(401);
        post(body, "sha256=zz" + WebhookSecrets.signature(APP_SECRET, body).substring(9)).then().statusCode(401);
        post(body, WebhookSecrets.signature(APP_SECRET, body).substring("sha256=".length())).then().statusCode(401);
        // the same JSON serialised differently is not what was signed: the raw bytes count
        byte[] reserialised = mapper.writeValueAsBytes(mapper.readTree(body));
        assertThat(reserialised).isNotEqualTo(body);
        post(reserialised, WebhookSecrets.signature(APP_SECRET, body)).then().statusCode(401);

        assertThat(rows.query("select count(*) from lead where phone = $1", "+" + waId)).isEqualTo(0L);
        assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", messageId)).isEqualTo(0L);
        assertThat(rows.query("select count(*) from idempotency_key where scope = 'whatsapp-webhook' and key = $1",
                sha256("whatsapp:" + messageId))).isEqualTo(0L);
    }

    @Test
    @TestSecurity(user = "manager1", roles = "sales-manager")
    void shouldCreateALeadFromTheFirstMessageOfAnUnknownSenderWithoutConsent() throws Exception {
        String waId = waId();
        String messageId = messageId();

        signedPost(payload(waId, "Zoë Anna Müller", messageId, "Do you ship to Lisbon? 📦")).then().statusCode(200)
                .body("messages", equalTo(1))
                .body("leads", equalTo(1))
                .body("inquiries", equalTo(0));

        UUID leadId = (UUID) rows.query("select id from lead where phone = $1", "+" + waId);
        given().get("/api/leads/" + leadId).then().statusCode(200)
                .body("firstName", equalTo("Zoë Anna"))
                .body("lastName", equalTo("Müller"))
                .body("phone", equalTo("+" + waId))
                .body("source", equalTo("whatsapp"))
                .body("email", equalTo(null));
        assertThat(rows.query("select outcome from inbound_contact where channel = 'whatsapp' and external_id = $1",
                messageId)).isEqualTo("CREATED");
        assertThat(rows.query("select count(*) from consent_entry where lead_id = $1", leadId)).isEqualTo(0L);
        assertThat(rows.capturedEvents(leadId.toString())).isEqualTo(1);
        // a webhook's lead names no capturer, whoever else is signed in (this test's @TestSecurity is on the post too)
        assertThat(rows.query("select captured_by from lead where id = $1", leadId)).isNull();
        assertThat(rows.query("select payload->>'capturedBy' from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.captured.v1'", leadId.toString())).isNull();
        JsonNode inquired = inquiredEvents(leadId).get(0);
        assertThat(inquired.path("newLead").asBoolean()).isTrue();
        assertThat(inquired.path("messageType").asText()).isEqualTo("text");
        assertThat(inquired.path("textLength").asInt()).isEqualTo("Do you ship to Lisbon? 📦".codePointCount(0, 24));
        assertThat(inquired.path("receivedAt").asText()).isEqualTo("2025-06-08T20:59:43Z");
    }

    @Test
    void shouldFallBackToUnknownNamesWhenTheProfileHasNone() {
        String waId = waId();
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                  "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                  "messages":[{"from":"%s","id":"%s","timestamp":"1749416383","type":"image",
                    "image":{"caption":"our site","mime_type":"image/jpeg","sha256":"abc","id":"1003383421387256"}}]},
                  "field":"messages"}]}]}""".formatted(waId, messageId());

        signedPost(body).then().statusCode(200).body("leads", equalTo(1));

        assertThat(rows.query("select first_name || '/' || last_name from lead where phone = $1", "+" + waId))
                .isEqualTo("Unknown/Unknown");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldLogAMessageFromAKnownPhoneAsAnInquiryWithoutPersonalData() throws Exception {
        String waId = waId();
        String text = "Hi, I'd like a quote for 40 licences";
        String leadId = given().contentType("application/json")
                .body("""
                        {"firstName":"Ada","lastName":"Lovelace","phone":"+%s","source":"web"}""".formatted(waId))
                .post("/api/leads").then().statusCode(201).extract().path("id");
        String messageId = messageId();

        signedPost(payload(waId, "Ada L", messageId, text)).then().statusCode(200)
                .body("leads", equalTo(0))
                .body("inquiries", equalTo(1));

        assertThat(rows.query("select count(*) from lead where phone = $1", "+" + waId)).isEqualTo(1L);
        assertThat(rows.query("select lead_id from inbound_contact where external_id = $1", messageId))
                .isEqualTo(UUID.fromString(leadId));
        List<JsonNode> events = inquiredEvents(UUID.fromString(leadId));
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        PublishedEvents.assertValid(LeadInquired.class, event);
        assertThat(event.path("leadId").asText()).isEqualTo(leadId);
        assertThat(event.path("channel").asText()).isEqualTo("whatsapp");
        assertThat(event.path("newLead").asBoolean()).isFalse();
        assertThat(event.path("textLength").asInt()).isEqualTo(text.length());
        assertThat(event.toString()).doesNotContain(waId.substring(2)).doesNotContain("quote")
                .doesNotContain(messageId).doesNotContain("Ada");
        // the lead keeps its name: a message does not overwrite what the lead already has
        assertThat(rows.query("select first_name from lead where id = $1", UUID.fromString(leadId))).isEqualTo("Ada");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldIgnoreAMessageIdDeliveredAgain() {
        String waId = waId();
        String messageId = messageId();
        String body = payload(waId, "Grace Hopper", messageId, "hello");

        signedPost(body).then().statusCode(200).body("leads", equalTo(1));
        signedPost(body).then().statusCode(200).body("leads", equalTo(0)).body("inquiries", equalTo(0))
                .body("duplicates", equalTo(1));

        UUID leadId = (UUID) rows.query("select id from lead where phone = $1", "+" + waId);
        assertThat(rows.query("select count(*) from lead where phone = $1", "+" + waId)).isEqualTo(1L);
        assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", messageId)).isEqualTo(1L);
        assertThat(inquiredEvents(leadId)).hasSize(1);

        // a second, new message of the same person is an inquiry on the lead the first one created
        signedPost(payload(waId, "Grace Hopper", messageId(), "still there?")).then().statusCode(200)
                .body("inquiries", equalTo(1));
        assertThat(inquiredEvents(leadId)).hasSize(2);
    }

    @Test
    void shouldAnswer200ForADeliveryWithoutMessages() {
        String statuses = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                  "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                  "statuses":[{"id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA","status":"delivered",
                    "timestamp":"1750263773","recipient_id":"16505551234"}]},"field":"messages"}]}]}""";

        signedPost(statuses).then().statusCode(200).body("messages", equalTo(0));
        signedPost("{}").then().statusCode(200).body("messages", equalTo(0));
    }

    @Test
    void shouldRejectPersonalDataInLeadInquiredBySchema() throws Exception {
        PublishedEvents.assertRefused(EventsWithPersonalData.LeadInquiredWithText.class, "text");
    }

    /** Meta's payload for one text message, pretty-printed as Meta sends it (the bytes are what is signed). */
    static String payload(String waId, String name, String messageId, String text) {
        return """
                {
                  "object": "whatsapp_business_account",
                  "entry": [{
                    "id": "102290129340398",
                    "changes": [{
                      "value": {
                        "messaging_product": "whatsapp",
                        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
                        "contacts": [{"profile": {"name": "%s"}, "wa_id": "%s"}],
                        "messages": [{
                          "from": "%s",
                          "id": "%s",
                          "timestamp": "1749416383",
                          "type": "text",
                          "text": {"body": "%s"}
                        }]
                      },
                      "field": "messages"
                    }]
                  }]
                }""".formatted(name, waId, waId, messageId, text);
    }

    /** A wa_id: a London number (+44 20 7xxx xxxx, as in the other tests) without the +, random per test. */
    static String waId() {
        return "44" + LeadDeduplicationTest.londonNumber().substring(1).replace(" ", "");
    }

    static String messageId() {
        return "wamid.HBgM" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    static Response signedPost(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, WebhookSecrets.signature(APP_SECRET, bytes));
    }

    static Response post(byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.post("/webhooks/whatsapp");
    }

    /** The lead.inquired events written for the lead, oldest first. */
    List<JsonNode> inquiredEvents(UUID leadId) {
        return inquiredEvents(pool, mapper, leadId);
    }

    public static List<JsonNode> inquiredEvents(io.vertx.mutiny.sqlclient.Pool pool, ObjectMapper mapper, UUID leadId) {
        return pool.preparedQuery("select payload::text from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.inquired.v1' order by occurred_at, id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(leadId.toString()))
                .await().atMost(java.time.Duration.ofSeconds(10))
                .stream().map(row -> {
                    try {
                        return mapper.readTree(row.getString(0));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    /** The key a message's lead was once captured under (leads from messages take no Idempotency-Key any more). */
    private static String sha256(String text) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
