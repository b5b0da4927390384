package io.leadstream.capture.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.consent.ConsentChanged;
import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.testing.EventsWithPersonalData;
import io.leadstream.capture.testing.PublishedEvents;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class ConsentResourceTest {

    /** A lead of its own per call (its email and phone unique): a second post of the same would be merged. */
    private static String lead() {
        return """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada+%s@example.com","phone":"%s",
                 "country":"GB","source":"web"}""".formatted(UUID.randomUUID(), LeadDeduplicationTest.londonNumber());
    }
    private static final String EMAIL_GRANT = """
            {"purpose":"marketing","channel":"email","status":"GRANTED",
             "proof":{"method":"web-form","textVersion":"marketing-2026-01","source":"contact-form",
                      "address":" Ada@Example.COM ","ipAddress":"203.0.113.7"}}""";
    private static final String EMAIL_WITHDRAWAL = """
            {"purpose":"marketing","channel":"email","status":"WITHDRAWN",
             "proof":{"method":"api","source":"crm-unsubscribe"}}""";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;

    InMemorySink<String> outbox;

    @BeforeEach
    void clearSink() {
        outbox = connector.sink("outbox");
        outbox.clear();
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldShowWithdrawnAfterGrantThenWithdrawalWithBothInHistoryInOrder() {
        String lead = newLead();
        given().contentType("application/json").body(EMAIL_GRANT).post(consents(lead))
                .then().statusCode(201)
                .body("leadId", equalTo(lead))
                .body("purpose", equalTo("marketing"))
                .body("channel", equalTo("email"))
                .body("status", equalTo("GRANTED"))
                .body("proof.address", equalTo("ada@example.com"))
                .body("proof.ipAddress", equalTo("203.0.113.7"))
                .body("proof.textVersion", equalTo("marketing-2026-01"))
                .body("recordedBy", equalTo("crm-app"));
        given().contentType("application/json").body(EMAIL_WITHDRAWAL).post(consents(lead))
                .then().statusCode(201).body("status", equalTo("WITHDRAWN"));

        given().get(consents(lead)).then().statusCode(200)
                .body("current", hasSize(1))
                .body("current[0].purpose", equalTo("marketing"))
                .body("current[0].channel", equalTo("email"))
                .body("current[0].status", equalTo("WITHDRAWN"))
                .body("history.status", contains("GRANTED", "WITHDRAWN"))
                .body("history.proof.method", contains("web-form", "api"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldKeepConsentsPerPurposeAndChannel() {
        String lead = newLead();
        given().contentType("application/json").body(EMAIL_GRANT).post(consents(lead)).then().statusCode(201);
        given().contentType("application/json").body("""
                {"purpose":"newsletter","channel":"sms","status":"WITHDRAWN","proof":{"method":"verbal","source":"call"}}""")
                .post(consents(lead)).then().statusCode(201);

        List<Map<String, Object>> current = given().get(consents(lead)).then().statusCode(200)
                .extract().jsonPath().getList("current");
        assertThat(current).extracting(c -> c.get("purpose") + "/" + c.get("channel") + "=" + c.get("status"))
                .containsExactly("marketing/email=GRANTED", "newsletter/sms=WITHDRAWN");
        assertThat(current).noneMatch(c -> "sms".equals(c.get("channel")) && "GRANTED".equals(c.get("status")));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldNormaliseAPhoneAddressToE164WithTheLeadsCountry() {
        String lead = newLead();
        given().contentType("application/json").body("""
                {"purpose":"sales-contact","channel":"whatsapp","status":"GRANTED",
                 "proof":{"method":"verbal","textVersion":"v3","source":"call","address":"020 7946 0958"}}""")
                .post(consents(lead))
                .then().statusCode(201)
                .body("proof.address", equalTo("+442079460958"))
                .body("recordedBy", equalTo("crm-app"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldRefuseUpdateAndDeleteOnTheLedgerInTheDatabase() {
        String lead = newLead();
        given().contentType("application/json").body(EMAIL_GRANT).post(consents(lead)).then().statusCode(201);

        assertThatThrownBy(() -> sql("update consent_entry set status = 'WITHDRAWN' where lead_id = '" + lead + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("delete from consent_entry where lead_id = '" + lead + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("truncate consent_entry")).hasMessageContaining("append-only");

        given().get(consents(lead)).then().statusCode(200)
                .body("history", hasSize(1))
                .body("current[0].status", equalTo("GRANTED"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldLetOnlyTheErasurePathPseudonymiseTheProofsPersonalColumns() {
        String lead = newLead();
        given().contentType("application/json").body(EMAIL_GRANT).post(consents(lead)).then().statusCode(201);
        String erasure = "set local leadstream.consent_erasure = 'on'";

        assertThatThrownBy(() -> sql(erasure, "update consent_entry set status = 'WITHDRAWN' where lead_id = '"
                + lead + "'")).hasMessageContaining("append-only");
        sql(erasure, "update consent_entry set address = 'erased', ip_address = null where lead_id = '" + lead + "'");

        given().get(consents(lead)).then().statusCode(200)
                .body("history[0].proof.address", equalTo("erased"))
                .body("history[0].proof.ipAddress", equalTo(null))
                .body("history[0].status", equalTo("GRANTED"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldAnswerAnUnknownLeadWith404Problem() {
        String unknown = consents("6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11");
        given().contentType("application/json").body(EMAIL_GRANT).post(unknown)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
        given().get(unknown).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldNameTheInvalidChannel() {
        given().contentType("application/json").body(EMAIL_GRANT.replace("\"email\"", "\"pigeon\""))
                .post(consents(newLead()))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("channel"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldRefuseAFutureCapturedAt() {
        String future = Instant.now().plus(Duration.ofDays(1)).toString();
        given().contentType("application/json")
                .body(EMAIL_GRANT.replace("\"method\"", "\"capturedAt\":\"" + future + "\",\"method\""))
                .post(consents(newLead()))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("proof.capturedAt"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldNameMissingPurposeAndProofMethod() {
        given().contentType("application/json")
                .body("{\"channel\":\"sms\",\"status\":\"WITHDRAWN\",\"proof\":{\"source\":\"call\"}}")
                .post(consents(newLead()))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("purpose"))
                .body("errors.field", hasItem("proof.method"));
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldRequireTextVersionAndAMatchingAddressForAGrant() {
        given().contentType("application/json").body("""
                {"purpose":"marketing","channel":"email","status":"GRANTED",
                 "proof":{"method":"web-form","source":"contact-form","address":"+44 20 7946 0958","ipAddress":"x.y"}}""")
                .post(consents(newLead()))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("proof.textVersion"))
                .body("errors.field", hasItem("proof.address"))
                .body("errors.field", hasItem("proof.ipAddress"));
    }

    @Test
    @TestSecurity(user = "partner-a", roles = "partner")
    void shouldForbidPartners() {
        String lead = "6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11";
        given().contentType("application/json").body(EMAIL_GRANT).post(consents(lead))
                .then().statusCode(403).contentType("application/problem+json");
        given().get(consents(lead)).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        String lead = "6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11";
        given().contentType("application/json").body(EMAIL_GRANT).post(consents(lead))
                .then().statusCode(401).contentType("application/problem+json");
        given().get(consents(lead)).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "crm-app", roles = "integration")
    void shouldAnnounceEachEntryOnceAsConsentChangedWithoutAddressOrIp() throws Exception {
        String lead = newLead();
        given().contentType("application/json").body(EMAIL_GRANT).post(consents(lead)).then().statusCode(201);
        given().contentType("application/json").body(EMAIL_WITHDRAWAL).post(consents(lead)).then().statusCode(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> consentEvents(lead).size() >= 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> consentEvents(lead).size() == 2);

        List<? extends Message<String>> events = consentEvents(lead);
        assertThat(events).extracting(m -> TestEvents.cloudEvent(m).getSubject().orElse(null)).containsOnly(lead);
        assertThat(events).extracting(m -> TestEvents.cloudEvent(m).getId()).doesNotHaveDuplicates();
        List<String> statuses = new ArrayList<>();
        for (Message<String> event : events) {
            String payload = event.getPayload();
            assertThat(payload).doesNotContainIgnoringCase("ada@example.com").doesNotContain("203.0.113.7")
                    .doesNotContain("address").doesNotContain("ipAddress");
            JsonNode json = mapper.readTree(payload);
            statuses.add(json.path("status").asText());
            assertThat(json.path("leadId").asText()).isEqualTo(lead);
            assertThat(json.path("channel").asText()).isEqualTo("email");
            PublishedEvents.assertValid(ConsentChanged.class, json);
        }
        assertThat(statuses).containsExactly("GRANTED", "WITHDRAWN");
    }

    @Test
    void shouldRejectAnAddressInConsentChangedBySchema() throws Exception {
        PublishedEvents.assertRefused(EventsWithPersonalData.ConsentChangedWithAddress.class, "address");
    }

    private List<? extends Message<String>> consentEvents(String lead) {
        return outbox.received().stream()
                .filter(m -> "leadstream.consent.changed.v1".equals(TestEvents.cloudEvent(m).getType()))
                .filter(m -> m.getPayload().contains(lead))
                .toList();
    }

    private static String newLead() {
        return given().contentType("application/json").body(lead()).post("/api/leads")
                .then().statusCode(201).extract().path("id");
    }

    private static String consents(String lead) {
        return "/api/leads/" + lead + "/consents";
    }

    /** Runs the statements in one transaction through the reactive pool (rolled back when one fails). */
    private void sql(String... statements) {
        pool.withTransaction(connection -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            for (String statement : statements) {
                chain = chain.chain(() -> connection.query(statement).execute());
            }
            return chain;
        }).await().atMost(Duration.ofSeconds(10));
    }
}
