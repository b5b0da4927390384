package io.leadstream.capture.channels.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.channels.EmailInbox;
import io.leadstream.capture.channels.InboundMailTest;
import io.leadstream.capture.channels.LeadInquired;
import io.leadstream.capture.channels.WebhookSecrets;
import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/**
 * The inbound-mail webhook (issue 12) with real sample messages (src/test/resources/mail): the signature over the raw
 * bytes, a new sender becomes a lead with a guessed phone and company, a known one an inquiry, a reply names the
 * message of ours it answers, machine traffic is recorded and ignored, a message delivered again changes nothing, and
 * no event carries anything personal. Each test gives its sample a sender and Message-ID of its own.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "manager1", roles = "sales-manager")
public class EmailWebhookTest {

    static final String SECRET = "test-email-secret";

    @Inject
    IdempotencyRows rows;
    @Inject
    ObjectMapper mapper;
    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /** A sample with its sender's address and its Message-ID made this test's own. */
    static byte[] sample(String name, String from, String fromAddress, String messageId) {
        return sample(name, from, fromAddress, messageId, "+44 20 7946 0958");
    }

    /** ... and the London number in its signature ({@code +44 20 7946 0958} in the sample). */
    static byte[] sample(String name, String from, String fromAddress, String messageId, String phone) {
        String raw = new String(InboundMailTest.sample(name), StandardCharsets.ISO_8859_1);
        return raw.replace(from, fromAddress).replace("+44 20 7946 0958", phone)
                .replaceFirst("Message-ID: <[^>]+>", "Message-ID: <" + messageId + ">")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A London number no other test uses, as a signature would write it. */
    static String phone() {
        return "+44 " + LeadDeduplicationTest.londonNumber().substring(1);
    }

    static String e164(String phone) {
        return phone.replace(" ", "");
    }

    static String address(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static String messageId() {
        return UUID.randomUUID() + "@mail.example.org";
    }

    static Response signedPost(byte[] body) {
        return post(body, WebhookSecrets.signature(SECRET, body));
    }

    static Response post(byte[] body, String signature) {
        var request = given().contentType("message/rfc822").body(body);
        if (signature != null) {
            request.header("X-Signature-256", signature);
        }
        return request.post("/webhooks/email");
    }

    @Test
    void shouldRefuseAMissingOrWrongSignatureAndStoreNothing() {
        String ada = address("ada");
        String id = messageId();
        byte[] body = sample("multipart-alternative.eml", "Hedy.Lamarr@Example.org", ada, id);

        post(body, null).then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/webhook-signature-invalid"));
        post(body, WebhookSecrets.signature("another-secret", body)).then().statusCode(401);

        assertThat(rows.query("select count(*) from lead where email = $1", ada)).isEqualTo(0L);
        assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", EmailInbox.key(id))).isEqualTo(0L);
    }

    @Test
    void shouldCreateALeadFromAnUnknownSenderWithTheSignaturesGuessesAndNoConsent() throws Exception {
        String hedy = address("Hedy.Lamarr");
        String id = messageId();
        String phone = phone();

        String inquiryId = signedPost(sample("multipart-alternative.eml", "Hedy.Lamarr@Example.org", hedy, id, phone))
                .then().statusCode(200).body("outcome", equalTo("LEAD")).extract().path("inquiryId");

        UUID leadId = (UUID) rows.query("select id from lead where email = $1", hedy.toLowerCase());
        given().get("/api/leads/" + leadId).then().statusCode(200)
                .body("firstName", equalTo("Hedy"))
                .body("lastName", equalTo("Lamarr"))
                .body("email", equalTo(hedy.toLowerCase()))
                .body("phone", equalTo(e164(phone)))
                .body("company", equalTo("Frequency Hopping Ltd"))
                .body("source", equalTo("email"))
                .body("notes", equalTo("The phone number and company came from the signature of the first email "
                        + "and may be wrong."));
        assertThat(rows.query("select count(*) from consent_entry where lead_id = $1", leadId)).isEqualTo(0L);
        assertThat(rows.query("select captured_by from lead where id = $1", leadId)).isNull();
        // the message is the lead's first inquiry: its subject and text kept with it, metadata beside
        assertThat(rows.query("select outcome from inbound_contact where id = $1", UUID.fromString(inquiryId)))
                .isEqualTo("CREATED");
        assertThat((String) rows.query("select note from inbound_contact where id = $1", UUID.fromString(inquiryId)))
                .startsWith("Anfrage: Solaranlage für 20 Paneele\n\nHello,");
        assertThat(rows.query("select details::text from inbound_contact where id = $1", UUID.fromString(inquiryId)))
                .isEqualTo("{\"reply\": false, \"guessed\": [\"phone\", \"company\"]}");

        List<JsonNode> events = WhatsAppWebhookTest.inquiredEvents(pool, mapper, leadId);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        PublishedEvents.assertValid(LeadInquired.class, event);
        assertThat(event.path("inquiryId").asText()).isEqualTo(inquiryId);
        assertThat(event.path("channel").asText()).isEqualTo("email");
        assertThat(event.path("newLead").asBoolean()).isTrue();
        assertThat(event.path("messageType").asText()).isEqualTo("email");
        assertThat(event.path("receivedAt").asText()).isEqualTo("2026-12-01T08:30:00Z");
        assertThat(event.has("replyToMessageId")).isFalse();
        String published = rows.query("select string_agg(payload::text, ' ') from outbox_event where aggregate_id = $1",
                leadId.toString()).toString();
        assertThat(published).doesNotContainIgnoringCase(hedy).doesNotContain("Lamarr").doesNotContain("Paneele")
                .doesNotContain(e164(phone).substring(3)).doesNotContain(id);

        // the same person again, signature and all: an inquiry, and nothing guessed (the lead's data is what it is)
        String again = messageId();
        signedPost(sample("multipart-alternative.eml", "Hedy.Lamarr@Example.org", hedy, again, phone()))
                .then().statusCode(200).body("outcome", equalTo("INQUIRY"));
        assertThat(rows.query("select details::text from inbound_contact where external_id = $1",
                EmailInbox.key(again))).isEqualTo("{\"reply\": false}");
    }

    @Test
    void shouldLeaveOutAGuessedPhoneThatAnotherLeadHasRatherThanMergeIntoIt() {
        String phone = phone();
        String colleague = given().contentType("application/json").body("""
                {"firstName":"Charles","lastName":"Babbage","phone":"%s","source":"web"}""".formatted(phone))
                .post("/api/leads").then().statusCode(201).extract().path("id");
        String ada = address("ada");

        signedPost(sample("multipart-alternative.eml", "Hedy.Lamarr@Example.org", ada, messageId(), phone))
                .then().statusCode(200).body("outcome", equalTo("LEAD"));

        assertThat(rows.query("select count(*) from lead where email = $1", ada)).isEqualTo(1L);
        assertThat(rows.query("select coalesce(phone, '-') || '/' || company || '/' || (id <> $2) from lead "
                + "where email = $1", ada, UUID.fromString(colleague))).isEqualTo("-/Frequency Hopping Ltd/true");
        assertThat(rows.query("select notes from lead where email = $1", ada))
                .isEqualTo("The company came from the signature of the first email and may be wrong.");
    }

    @Test
    void shouldLogASecondMailAsAnInquiryAndAMailDeliveredAgainNotAtAll() {
        String grace = address("grace");
        String first = messageId();
        byte[] body = sample("attachments.eml", "grace@example.com", grace, first);
        signedPost(body).then().statusCode(200).body("outcome", equalTo("LEAD"));
        UUID leadId = (UUID) rows.query("select id from lead where email = $1", grace);

        signedPost(body).then().statusCode(200).body("outcome", equalTo("DUPLICATE"));
        signedPost(sample("attachments.eml", "grace@example.com", grace, messageId())).then().statusCode(200)
                .body("outcome", equalTo("INQUIRY"));

        assertThat(rows.query("select count(*) from lead where email = $1", grace)).isEqualTo(1L);
        assertThat(rows.query("select count(*) from inbound_contact where lead_id = $1", leadId)).isEqualTo(2L);
        assertThat(WhatsAppWebhookTest.inquiredEvents(pool, mapper, leadId)).extracting(e -> e.path("newLead").asBoolean())
                .containsExactly(true, false);
        // attachments as type and size only
        assertThat(rows.query("select details->'attachments' #>> '{}' from inbound_contact where external_id = $1", EmailInbox.key(first)))
                .isEqualTo("[{\"size\": 1033, \"contentType\": \"application/pdf\"}, "
                        + "{\"size\": 108, \"contentType\": \"image/png\"}]");
        // no display name: the placeholder names other channels use
        assertThat(rows.query("select first_name || '/' || last_name from lead where id = $1", leadId))
                .isEqualTo("Unknown/Unknown");
    }

    @Test
    void shouldReadEveryCharsetAndHtmlOnlyMailIntoALead() {
        String jean = address("jean");
        signedPost(sample("html-only.eml", "jean.dupont@example.fr", jean, messageId())).then().statusCode(200)
                .body("outcome", equalTo("LEAD"));
        assertThat(rows.query("select first_name || '/' || last_name || '/' || phone || '/' || company from lead "
                + "where email = $1", jean)).isEqualTo("Jean/Dupont/+33142685300/Dupont Chauffage SARL");

        String juergen = address("juergen");
        signedPost(sample("latin1.eml", "juergen@example.de", juergen, messageId())).then().statusCode(200)
                .body("outcome", equalTo("LEAD"));
        assertThat(rows.query("select first_name || '/' || last_name || '/' || company from lead where email = $1",
                juergen)).isEqualTo("Jürgen/Müller/Müller Haustechnik GmbH");

        String taro = address("taro");
        signedPost(sample("shift-jis.eml", "taro@example.jp", taro, messageId())).then().statusCode(200)
                .body("outcome", equalTo("LEAD"));
        assertThat(rows.query("select first_name || '/' || last_name from lead where email = $1", taro))
                .isEqualTo("山田/太郎");
    }

    @Test
    void shouldRecordAndIgnoreAutoRepliesBouncesAndListMail() {
        for (String[] sample : new String[][] {{"auto-reply.eml", "ada.lovelace@example.org", "auto-submitted"},
                {"bounce.eml", "MAILER-DAEMON@mx.example.net", "empty-return-path"},
                {"list.eml", "news@lists.example.com", "mailing-list"}}) {
            String from = address("machine");
            String id = messageId();

            signedPost(sample(sample[0], sample[1], from, id)).then().statusCode(200).body("outcome", equalTo("IGNORED"));
            signedPost(sample(sample[0], sample[1], from, id)).then().statusCode(200)
                    .body("outcome", equalTo("DUPLICATE"));

            assertThat(rows.query("select count(*) from lead where email = $1", from.toLowerCase())).isEqualTo(0L);
            assertThat(rows.query("select outcome || ' ' || (details->>'ignored') || ' ' || (lead_id is null) "
                    + "|| ' ' || (note is null) from inbound_contact where external_id = $1", EmailInbox.key(id)))
                    .isEqualTo("IGNORED " + sample[2] + " true true");
            // the Message-ID is kept as a digest only
            assertThat(rows.query("select count(*) from inbound_contact where external_id = $1", id)).isEqualTo(0L);
        }
    }

    @Test
    void shouldNameTheMessageOfOursThatAReplyAnswers() {
        String ada = address("ada");
        String leadId = given().contentType("application/json")
                .body("""
                        {"firstName":"Ada","lastName":"Lovelace","email":"%s","source":"web"}""".formatted(ada))
                .post("/api/leads").then().statusCode(201).extract().path("id");

        signedPost(sample("reply.eml", "ada.lovelace@example.org", ada, messageId())).then().statusCode(200)
                .body("outcome", equalTo("INQUIRY"));

        JsonNode event = WhatsAppWebhookTest.inquiredEvents(pool, mapper, UUID.fromString(leadId)).get(0);
        PublishedEvents.assertValid(LeadInquired.class, event);
        assertThat(event.path("messageType").asText()).isEqualTo("reply");
        assertThat(event.path("replyToMessageId").asText()).isEqualTo("0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(event.path("newLead").asBoolean()).isFalse();
    }

    @Test
    void shouldAnswer400ForASignedBodyThatIsNoMailWithASender() {
        byte[] body = "Subject: no sender\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

        signedPost(body).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void shouldRecordASenderThatIsNoValidAddressAsRejected() {
        String id = messageId();
        byte[] body = ("From: someone@localhost\r\nMessage-ID: <" + id + ">\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        signedPost(body).then().statusCode(200).body("outcome", equalTo("REJECTED"));
        assertThat(rows.query("select outcome from inbound_contact where external_id = $1", EmailInbox.key(id))).isEqualTo("REJECTED");
    }
}
