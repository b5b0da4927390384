package io.leadstream.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Leads arriving by the inquiry channels of capture-service (issues 3 and 12) — a WhatsApp message (signed with the
 * local app secret), a Google Ads lead form (with the local key), a logged call and mail to the local alias mailbox
 * (GreenMail's IMAP, read by capture) — are scored and assigned like any other; a bad signature or key is refused (quality.md S8). Secrets: deploy/local/capture-service.properties.
 */
class InquiryChannelsTest {

    @Test
    void shouldScoreAndAssignALeadFromAWhatsAppMessage() throws Exception {
        String waId = Suite.uniquePhone().replaceAll("[^0-9]", "");
        String messageId = "wamid.SYSTEST" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                  "messaging_product":"whatsapp",
                  "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                  "contacts":[{"profile":{"name":"Katherine Johnson"},"wa_id":"%s"}],
                  "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text",
                    "text":{"body":"Hello, can someone call me about pricing?"}}]},
                  "field":"messages"}]}]}""".formatted(waId, waId, messageId, System.currentTimeMillis() / 1000)
                .getBytes(StandardCharsets.UTF_8);

        given().contentType("application/json").body(body)
                .header("X-Hub-Signature-256", sign(Suite.captureSetting("leadstream.capture.whatsapp.app-secret"), body))
                .post(Suite.CAPTURE + "/webhooks/whatsapp")
                .then().statusCode(200).body("leads", equalTo(1));

        String leadId = leadWithPhone("+" + waId, "whatsapp");
        assertScoredAndAssigned(leadId);
    }

    @Test
    void shouldRefuseAWhatsAppDeliveryWithABadSignatureAndAnswerTheHandshake() throws Exception {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").body(body).header("X-Hub-Signature-256", sign("not-the-secret", body))
                .post(Suite.CAPTURE + "/webhooks/whatsapp")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", Suite.captureSetting("leadstream.capture.whatsapp.verify-token"))
                .queryParam("hub.challenge", "424242")
                .get(Suite.CAPTURE + "/webhooks/whatsapp")
                .then().statusCode(200).body(equalTo("424242"));
    }

    @Test
    void shouldScoreAndAssignALeadFromAGoogleAdsLeadForm() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"lead_id":"SYSTEST-%s","api_version":"1.0","form_id":40000000001,"campaign_id":20418826931,
                 "google_key":"%s","is_test":false,"gcl_id":"EAIaIQobChMI","adgroup_id":150000000002,
                 "creative_id":690000000003,
                 "user_column_data":[
                   {"column_name":"Full Name","string_value":"Dorothy Vaughan","column_id":"FULL_NAME"},
                   {"column_name":"User Email","string_value":"dorothy.%s@fortran.example","column_id":"EMAIL"},
                   {"column_name":"User Phone","string_value":"%s","column_id":"PHONE_NUMBER"},
                   {"column_name":"Company Name","string_value":"Langley Computing","column_id":"COMPANY_NAME"}]}"""
                .formatted(unique, Suite.captureSetting("leadstream.capture.google-ads.key"), unique, Suite.uniquePhone());

        given().contentType("application/json").body(body.replace(
                Suite.captureSetting("leadstream.capture.google-ads.key"), "wrong-key"))
                .post(Suite.CAPTURE + "/webhooks/google-ads")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        String leadId = given().contentType("application/json").body(body)
                .post(Suite.CAPTURE + "/webhooks/google-ads")
                .then().statusCode(200).body("outcome", equalTo("CREATED")).extract().path("leadId");
        given().contentType("application/json").body(body).post(Suite.CAPTURE + "/webhooks/google-ads")
                .then().statusCode(200).body("leadId", equalTo(leadId)).body("duplicate", equalTo(true));

        JsonPath lead = given().auth().oauth2(Suite.crmApp()).get(Suite.CAPTURE + "/api/leads/" + leadId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(lead.getString("source")).isEqualTo("google-ads");
        assertThat(lead.getString("email")).isEqualTo("dorothy." + unique + "@fortran.example");
        assertScoredAndAssigned(leadId);
    }

    @Test
    void shouldScoreAndAssignALeadFromACallAndLogTheNextCallAsAnInquiry() {
        String phone = Suite.uniquePhone();
        String call = """
                {"phone":"%s","firstName":"Mary","lastName":"Jackson","company":"Wind Tunnel Inc",
                 "direction":"inbound","durationSeconds":240,"outcome":"answered","summary":"asked for a quote"}"""
                .formatted(phone);

        String leadId = given().auth().oauth2(Suite.userToken("rep1")).contentType("application/json").body(call)
                .post(Suite.CAPTURE + "/api/calls")
                .then().statusCode(201).body("outcome", equalTo("CREATED")).extract().path("leadId");
        assertScoredAndAssigned(leadId);

        given().auth().oauth2(Suite.crmApp()).contentType("application/json")
                .body("{\"phone\":\"%s\",\"direction\":\"outbound\",\"outcome\":\"voicemail\"}".formatted(phone))
                .post(Suite.CAPTURE + "/api/calls")
                .then().statusCode(200).body("leadId", equalTo(leadId)).body("outcome", equalTo("INQUIRY"));
    }

    @Test
    void shouldScoreAndAssignALeadFromMailToTheAliasAndLogASignedReplyAsAnInquiry() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String address = "annie." + unique + "@easley.example";
        Suite.mailToAlias(address, "Annie Easley", "Quote for a heat pump", "Hello,\n\nwe need a heat pump for our "
                + "office.\n\n-- \nAnnie Easley\nCentaur Rockets Ltd\n" + Suite.uniquePhone() + "\n");

        String leadId = Suite.leadWithEmail(address);
        JsonPath lead = given().auth().oauth2(Suite.crmApp()).get(Suite.CAPTURE + "/api/leads/" + leadId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(lead.getString("source")).isEqualTo("email");
        assertThat(lead.getString("lastName")).isEqualTo("Easley");
        assertThat(lead.getString("company")).isEqualTo("Centaur Rockets Ltd");
        assertScoredAndAssigned(leadId);

        // the same person's next mail through the signed inbound-mail webhook: an inquiry on the lead
        byte[] reply = ("From: Annie Easley <" + address + ">\r\nTo: sales@leadstream.local\r\n"
                + "Subject: Re: Quote\r\nMessage-ID: <" + UUID.randomUUID() + "@easley.example>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nAny news?\r\n").getBytes(StandardCharsets.UTF_8);
        given().contentType("message/rfc822").body(reply).header("X-Signature-256", sign("not-the-secret", reply))
                .post(Suite.CAPTURE + "/webhooks/email")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().contentType("message/rfc822").body(reply)
                .header("X-Signature-256", sign(Suite.captureSetting("leadstream.capture.email.webhook-secret"), reply))
                .post(Suite.CAPTURE + "/webhooks/email")
                .then().statusCode(200).body("outcome", equalTo("INQUIRY"));
    }

    /** The id of the one lead with this E.164 phone, checking its source. */
    private static String leadWithPhone(String phone, String source) {
        List<String> ids = given().auth().oauth2(Suite.crmApp()).queryParam("q", phone)
                .get(Suite.CAPTURE + "/api/leads")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(ids).hasSize(1);
        given().auth().oauth2(Suite.crmApp()).get(Suite.CAPTURE + "/api/leads/" + ids.get(0))
                .then().statusCode(200).body("source", equalTo(source)).body("phone", equalTo(phone));
        return ids.get(0);
    }

    private static void assertScoredAndAssigned(String leadId) {
        String manager = Suite.userToken("manager");
        await().atMost(Suite.JOURNEY).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath score = given().auth().oauth2(Suite.crmApp()).get(Suite.SCORING + "/api/scores/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(score.getInt("score")).isBetween(0, 100);
            JsonPath assignment = given().auth().oauth2(manager).get(Suite.DISTRIBUTION + "/api/assignments/" + leadId)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(assignment.getString("repId")).isIn("rep1", "rep2", "rep3");
        });
    }

    /** {@code sha256=} + hex HMAC-SHA256 of the bytes, as Meta signs a delivery. */
    private static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
