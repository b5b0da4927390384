package io.leadstream.nurture.messages.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.nurture.NurtureLeads;
import io.leadstream.nurture.TestClocks;
import io.leadstream.nurture.channels.rest.ChannelStubs;
import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.MessageSent;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * POST /api/leads/{leadId}/messages on real PostgreSQL, with the real capture client against a fake capture and
 * Keycloak ({@link CaptureFake}) and the real channel adapters: email into Quarkus' mock mailbox (the real SMTP
 * crossing is {@code MessageMailTest}'s), WhatsApp and SMS over HTTP into WireMock ({@link ChannelStubs}): consent and do-not-contact from consent.changed, the frequency
 * cap, quiet hours in the lead's time zone (a moved clock), never sending twice, the activity and message.sent, the
 * unsubscribe link writing a withdrawal into capture.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = CaptureFake.class, restrictToAnnotatedClass = true)
class MessageFlowTest {

    static final String CONSENT = "leadstream.consent.changed.v1";
    static final String SENT = "leadstream.message.sent.v1";
    /** 16:00 in London in winter: outside the quiet hours (21:00-08:00). */
    static final Instant AFTERNOON = Instant.parse("2026-12-03T16:00:00Z");

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    @Inject
    MockMailbox mailbox;

    static final String WHATSAPP_PATH = "/v21.0/" + ChannelStubs.PHONE_NUMBER_ID + "/messages";
    static final String SMS_PATH = "/sms/messages";

    WireMockServer providers;
    NurtureLeads leads;
    InMemorySource<Message<String>> captureEvents;

    @BeforeEach
    void channels() {
        leads = new NurtureLeads(connector, pool);
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        TestClocks.CLOCK.set(AFTERNOON);
        CaptureFake.failWith = null;
        providers = ChannelStubs.server();
        providers.resetAll();
        providers.stubFor(post(urlPathEqualTo(WHATSAPP_PATH))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OK\"}]}")));
        providers.stubFor(post(urlPathEqualTo(SMS_PATH)).willReturn(okJson("{\"id\":\"sms-1\"}")));
    }

    @AfterEach
    void resetClock() {
        TestClocks.CLOCK.reset();
    }

    /** A lead capture knows (in {@code timeZone}), assigned to rep1 in nurture. */
    private String leadOfRep1(String timeZone) {
        return leads.openedFor(CaptureFake.lead(timeZone).toString(), "rep1");
    }

    private void consent(String lead, String purpose, String channel, String status, String recordedAt) {
        captureEvents.send(TestEvents.event(CONSENT, lead, """
                {"leadId":"%s","purpose":"%s","channel":"%s","status":"%s","method":"web-form","recordedAt":"%s"}"""
                .formatted(lead, purpose, channel, status, recordedAt)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count("select count(*) from consent_state where lead_id = $1"
                + " and purpose = '" + purpose + "' and channel = '" + channel + "' and recorded_at >= '" + recordedAt
                + "'::timestamptz", lead) == 1 || leads.count("select count(*) from consent_state where lead_id = $1 "
                + "and purpose = '" + purpose + "' and channel = '" + channel + "' and recorded_at > '" + recordedAt
                + "'::timestamptz", lead) == 1);
    }

    private static Response send(String lead, String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/leads/" + lead + "/messages");
    }

    private static final String EMAIL = """
            {"channel":"EMAIL","subject":"Your heat pump quote","text":"Hello Ada,\\n\\nhere is the quote <b>you</b> asked for."}""";

    /** The emails the mock mailbox got for the lead. */
    private List<Mail> mailsTo(String lead) {
        List<Mail> mails = mailbox.getMailsSentTo("ada-" + lead + "@example.com");
        return mails == null ? List.of() : mails;
    }

    /** How many WhatsApp or SMS requests reached the provider for the lead (its phone number is its own). */
    private int requestsFor(String lead, String path) {
        String phone = CaptureFake.PHONES.get(UUID.fromString(lead));
        return providers.findAll(postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(containing(phone.substring(1)))).size();
    }

    private int sentTo(String lead) {
        return mailsTo(lead).size() + requestsFor(lead, WHATSAPP_PATH) + requestsFor(lead, SMS_PATH);
    }

    private List<? extends Message<String>> published(String lead) {
        return leads.eventsFor(lead).stream().filter(m -> SENT.equals(TestEvents.cloudEvent(m).getType())).toList();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseToSendWithoutConsentSayingWhy() {
        String lead = leadOfRep1("Europe/London");
        send(lead, EMAIL).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/consent-missing"))
                .body("detail", containsString("'marketing' by email"));
        // consent for another purpose or another channel does not count
        consent(lead, "newsletter", "email", "GRANTED", "2026-11-22T10:00:00Z");
        consent(lead, "marketing", "sms", "GRANTED", "2026-11-22T10:00:00Z");
        send(lead, EMAIL).then().statusCode(409)
                .body("type", equalTo("https://leadstream.dev/problems/consent-missing"));
        assertThat(sentTo(lead)).isZero();
        assertThat(leads.count("select count(*) from message where lead_id = $1", lead)).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldSendAnEmailWithAnUnsubscribeLinkRecordItAndAnnounceIt() throws Exception {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "email", "GRANTED", "2026-11-22T10:00:00Z");

        JsonPath sent = send(lead, EMAIL).then().statusCode(201).header("Location", containsString("/messages/"))
                .body("status", equalTo("SENT")).body("channel", equalTo("EMAIL"))
                .body("purpose", equalTo("marketing")).body("sentBy", equalTo("rep1"))
                .body("activityId", notNullValue()).extract().jsonPath();
        String messageId = sent.getString("messageId");

        List<Mail> out = mailsTo(lead);
        assertThat(out).hasSize(1);
        Mail mail = out.get(0);
        assertThat(mail.getTo()).singleElement().asString().contains("ada-" + lead + "@example.com");
        assertThat(mail.getSubject()).isEqualTo("Your heat pump quote");
        assertThat(mail.getHtml()).contains("here is the quote &lt;b&gt;you&lt;/b&gt; asked for.").contains("Unsubscribe");
        assertThat(mail.getText()).startsWith("Hello Ada,\n\nhere is the quote <b>you</b> asked for.");
        assertThat(mail.getHeaders().get("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(mail.getHeaders().get("List-Unsubscribe").get(0)).startsWith("<http://")
                .contains("/unsubscribe?token=");

        // recorded: the message, its activity on the timeline, message.sent (schema) without the address or text
        given().get("/api/leads/" + lead + "/messages/" + messageId).then().statusCode(200)
                .body("text", org.hamcrest.Matchers.startsWith("Hello Ada,\n\nhere is the quote <b>you</b> asked for."
                        + "\n\n--\nUnsubscribe: http"));
        given().get("/api/leads/" + lead + "/timeline").then().statusCode(200)
                .body("items[0].type", equalTo("ACTIVITY")).body("items[0].activity.kind", equalTo("EMAIL"))
                .body("items[0].activity.direction", equalTo("OUTBOUND"))
                .body("items[0].activity.source", equalTo("MESSAGE"))
                .body("items[0].activity.messageId", equalTo(messageId));
        List<? extends Message<String>> events = published(lead);
        assertThat(events).hasSize(1);
        String payload = events.get(0).getPayload();
        assertThat(payload).doesNotContain("example.com").doesNotContain("quote");
        MessageSent event = mapper.readValue(payload, MessageSent.class);
        EventContracts.assertPublishes(MessageSent.class, event);
        assertThat(event.messageId()).hasToString(messageId);
        assertThat(event.channel()).isEqualTo(Channel.EMAIL);
        assertThat(event.sentBy()).isEqualTo("rep1");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldSendOnceForOneIdempotencyKeyAndRetryAFailedSend() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "whatsapp", "GRANTED", "2026-11-22T10:00:00Z");
        String whatsapp = "{\"channel\":\"WHATSAPP\",\"text\":\"Hi Ada, shall we meet on Tuesday?\"}";

        providers.stubFor(post(urlPathEqualTo(WHATSAPP_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{}")));
        given().header("Idempotency-Key", "k-1").contentType(ContentType.JSON).body(whatsapp)
                .post("/api/leads/" + lead + "/messages").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "60")
                .body("type", equalTo("https://leadstream.dev/problems/channel-unavailable"));
        assertThat(published(lead)).isEmpty();
        providers.resetMappings();
        providers.stubFor(post(urlPathEqualTo(WHATSAPP_PATH))
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OK\"}]}")));
        providers.resetRequests();

        String first = given().header("Idempotency-Key", "k-1").contentType(ContentType.JSON).body(whatsapp)
                .post("/api/leads/" + lead + "/messages").then().statusCode(201)
                .body("providerMessageId", equalTo("wamid.OK")).extract().path("messageId");
        String again = given().header("Idempotency-Key", "k-1").contentType(ContentType.JSON).body(whatsapp)
                .post("/api/leads/" + lead + "/messages").then().statusCode(201)
                .header("Idempotency-Replayed", "true").extract().path("messageId");
        assertThat(again).isEqualTo(first);
        assertThat(requestsFor(lead, WHATSAPP_PATH)).isEqualTo(1);
        assertThat(published(lead)).hasSize(1);
        assertThat(leads.count("select count(*) from message where lead_id = $1", lead)).isEqualTo(1);

        given().header("Idempotency-Key", "k-1").contentType(ContentType.JSON)
                .body("{\"channel\":\"WHATSAPP\",\"text\":\"something else\"}")
                .post("/api/leads/" + lead + "/messages").then().statusCode(422)
                .body("type", equalTo("https://leadstream.dev/problems/idempotency-key-reused"));
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldAnswerARejectedRecipientWith422AndKeepTheFailure() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "whatsapp", "GRANTED", "2026-11-22T10:00:00Z");
        providers.stubFor(post(urlPathEqualTo(WHATSAPP_PATH)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#131030) Recipient phone number not in allowed list\","
                        + "\"code\":131030}}")));
        send(lead, "{\"channel\":\"WHATSAPP\",\"text\":\"Hi\"}").then().statusCode(422)
                .body("type", equalTo("https://leadstream.dev/problems/recipient-rejected"));
        assertThat(leads.count("select count(*) from message where lead_id = $1 and status = 'FAILED'", lead))
                .isEqualTo(1);
        assertThat(published(lead)).isEmpty();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldFollowTheNewestConsentAndHonourDoNotContact() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "sms", "GRANTED", "2026-11-22T10:00:00Z");
        consent(lead, "marketing", "sms", "WITHDRAWN", "2026-11-23T10:00:00Z");
        // an older grant arriving late changes nothing
        consent(lead, "marketing", "sms", "GRANTED", "2026-11-22T12:00:00Z");
        send(lead, "{\"channel\":\"SMS\",\"text\":\"Hi\"}").then().statusCode(409)
                .body("type", equalTo("https://leadstream.dev/problems/consent-withdrawn"));

        consent(lead, "marketing", "sms", "GRANTED", "2026-11-24T10:00:00Z");
        consent(lead, "all", "sms", "WITHDRAWN", "2026-11-25T10:00:00Z");
        send(lead, "{\"channel\":\"SMS\",\"text\":\"Hi\"}").then().statusCode(409)
                .body("type", equalTo("https://leadstream.dev/problems/do-not-contact"));
        assertThat(sentTo(lead)).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldKeepQuietHoursInTheLeadsTimeZone() {
        String berlin = leadOfRep1("Europe/Berlin");
        String newYork = leadOfRep1("America/New_York");
        consent(berlin, "marketing", "sms", "GRANTED", "2026-11-22T10:00:00Z");
        consent(newYork, "marketing", "sms", "GRANTED", "2026-11-22T10:00:00Z");
        TestClocks.CLOCK.set(Instant.parse("2026-12-03T21:30:00Z")); // 22:30 in Berlin, 16:30 in New York

        send(berlin, "{\"channel\":\"SMS\",\"text\":\"Hi\"}").then().statusCode(409)
                .body("type", equalTo("https://leadstream.dev/problems/quiet-hours"))
                .body("detail", containsString("Europe/Berlin"))
                .body("detail", containsString("2026-12-04T07:00:00Z"));
        send(newYork, "{\"channel\":\"SMS\",\"text\":\"Hi\"}").then().statusCode(201)
                .body("providerMessageId", equalTo("sms-1"));
        assertThat(requestsFor(berlin, SMS_PATH)).isZero();
        assertThat(requestsFor(newYork, SMS_PATH)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldCapHowOftenOneLeadIsWritenTo() {
        String lead = leadOfRep1(null); // no time zone known: the default (UTC), 16:00
        consent(lead, "marketing", "sms", "GRANTED", "2026-11-22T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            send(lead, "{\"channel\":\"SMS\",\"text\":\"message " + i + "\"}").then().statusCode(201);
        }
        Response refused = send(lead, "{\"channel\":\"SMS\",\"text\":\"one too many\"}");
        refused.then().statusCode(409).body("type", equalTo("https://leadstream.dev/problems/frequency-cap"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(6 * 86_400L, 7 * 86_400L);

        TestClocks.CLOCK.set(AFTERNOON.plus(java.time.Duration.ofDays(7)).plusSeconds(60));
        send(lead, "{\"channel\":\"SMS\",\"text\":\"a week later\"}").then().statusCode(201);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldSayWhyALeadCannotBeReached() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "email", "GRANTED", "2026-11-22T10:00:00Z");
        CaptureFake.LEADS.remove(UUID.fromString(lead)); // erased in capture, its event not here yet
        send(lead, EMAIL).then().statusCode(409).body("type", equalTo("https://leadstream.dev/problems/lead-gone"));

        String other = leadOfRep1("Europe/London");
        consent(other, "marketing", "email", "GRANTED", "2026-11-22T10:00:00Z");
        CaptureFake.failWith = 500;
        send(other, EMAIL).then().statusCode(503)
                .body("type", equalTo("https://leadstream.dev/problems/channel-unavailable"));
        assertThat(sentTo(other)).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseAnInvalidMessageListingEveryField() {
        String lead = leadOfRep1("Europe/London");
        send(lead, "{\"channel\":\"FAX\",\"purpose\":\"Marketing!\"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("channel", "purpose", "text"));
        send(lead, "{\"channel\":\"SMS\",\"subject\":\"no\",\"text\":\"hi\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("subject"));
        send(lead, "{\"channel\":\"EMAIL\",\"text\":\"hi\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("subject"));
        send(lead, "{\"channel\":\"SMS\",\"text\":\"" + "x".repeat(671) + "\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
    }

    @Test
    @TestSecurity(user = "rep2", roles = "sales-rep")
    void shouldAnswerAnotherRepsLeadWith404() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "email", "GRANTED", "2026-11-22T10:00:00Z");
        send(lead, EMAIL).then().statusCode(404).contentType("application/problem+json");
        assertThat(sentTo(lead)).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldUnsubscribeThroughTheLinkIntoCapturesLedger() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "email", "GRANTED", "2026-11-22T10:00:00Z");
        send(lead, EMAIL).then().statusCode(201);
        String header = mailsTo(lead).get(0).getHeaders().get("List-Unsubscribe").get(0);
        URI link = URI.create(header.substring(1, header.indexOf('>')));

        given().get(link.getPath() + "?" + link.getRawQuery()).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("You are unsubscribed"));

        assertThat(CaptureFake.CONSENTS).anySatisfy(entry -> assertThat(entry).startsWith(lead)
                .contains("\"purpose\":\"marketing\"").contains("\"channel\":\"email\"")
                .contains("\"status\":\"WITHDRAWN\"").contains("\"method\":\"unsubscribe-link\""));
        // nothing more goes out, even before capture's consent.changed arrives
        send(lead, EMAIL).then().statusCode(409)
                .body("type", equalTo("https://leadstream.dev/problems/consent-withdrawn"));
        // RFC 8058 one-click from a mail client: the same withdrawal, again harmless
        given().post(link.getPath() + "?" + link.getRawQuery()).then().statusCode(200);
    }

    @Test
    void shouldRefuseAForgedOrCutUnsubscribeLinkWithoutTouchingCapture() {
        int before = CaptureFake.CONSENTS.size();
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (UUID.randomUUID() + "|marketing|EMAIL|" + UUID.randomUUID()).getBytes()) + ".AAAA";
        given().get("/unsubscribe?token=" + forged).then().statusCode(400)
                .body(containsString("not valid"));
        given().get("/unsubscribe?token=abc").then().statusCode(400);
        given().get("/unsubscribe").then().statusCode(400);
        assertThat(CaptureFake.CONSENTS).hasSize(before);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldForgetWhatMessagesSaidWhenTheLeadIsErased() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "email", "GRANTED", "2026-11-22T10:00:00Z");
        send(lead, EMAIL).then().statusCode(201);
        captureEvents.send(TestEvents.event("leadstream.lead.erased.v1", lead, """
                {"leadId":"%s","erasedAt":"2026-12-03T16:05:00Z"}""".formatted(lead)));
        await().atMost(NurtureLeads.WAIT).until(() -> leads.count(
                "select count(*) from message where lead_id = $1 and body is null and subject is null", lead) == 1);
        assertThat(leads.count("select count(*) from consent_state where lead_id = $1", lead)).isZero();
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldSendATemplateInTheLeadsLanguageWithTheSendersValues() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "sms", "GRANTED", "2026-11-22T10:00:00Z");

        send(lead, "{\"channel\":\"SMS\",\"templateKey\":\"thank-you\"}").then().statusCode(201)
                .body("templateKey", equalTo("thank-you")).body("language", equalTo("en"))
                .body("text", containsString("Hi Ada, thank you for your time today!"))
                .body("text", containsString("rep1"));
        assertThat(providers.findAll(postRequestedFor(urlPathEqualTo(SMS_PATH))).get(0).getBodyAsString())
                .contains("Hi Ada, thank you for your time today!");
        JsonPath event = JsonPath.from(published(lead).get(0).getPayload());
        assertThat(event.getString("templateKey")).isEqualTo("thank-you");
        assertThat(event.getString("language")).isEqualTo("en");
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldRefuseATemplateThatIsMissingOrLacksTheSendersValues() {
        String lead = leadOfRep1("Europe/London");
        consent(lead, "marketing", "whatsapp", "GRANTED", "2026-11-22T10:00:00Z");
        send(lead, "{\"channel\":\"WHATSAPP\",\"templateKey\":\"no-such-template\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("templateKey"));
        send(lead, "{\"channel\":\"WHATSAPP\",\"templateKey\":\"meeting-invitation\","
                + "\"vars\":{\"meetingDate\":\"Tuesday\"}}").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("vars.meetingTime"));
        send(lead, "{\"channel\":\"WHATSAPP\",\"templateKey\":\"thank-you\",\"text\":\"and text\"}")
                .then().statusCode(400).body("errors[0].field", equalTo("text"));
        assertThat(sentTo(lead)).isZero();
        assertThat(leads.count("select count(*) from message where lead_id = $1", lead)).isZero();
    }
}
