package io.leadstream.nurture.webhooks.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.nurture.TestClocks;
import io.leadstream.nurture.webhooks.EventCatalogue;
import io.leadstream.nurture.webhooks.StandardWebhooks;
import io.leadstream.nurture.webhooks.TestTargets;
import io.leadstream.nurture.webhooks.WebhookDeliverer;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Outbound webhooks end to end on real PostgreSQL: subscriptions made through the API, events into the in-memory
 * channels of the four topics nurture reads, the delivery pass run by hand with a moved clock, and a WireMock receiver
 * (one per test, so that one test's circuit breaker never holds another's) that checks what it got: Standard Webhooks
 * signatures, structured CloudEvents, one lead's events in the order they happened, retries after 500s and timeouts,
 * the pause after the retry window with the admins' email, resume and retry, SSRF refusals at save and at delivery.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@TestSecurity(user = "webhook-admin", roles = "lead-admin")
class WebhookFlowTest {

    static final String CAPTURED = "leadstream.lead.captured.v1";
    static final String UPDATED = "leadstream.lead.updated.v1";
    static final String ERASED = "leadstream.lead.erased.v1";
    static final String SCORED = "leadstream.lead.scored.v1";
    static final String ASSIGNED = "leadstream.lead.assigned.v1";
    static final String QUEUED = "leadstream.lead.queued.v1";
    static final String STAGE_CHANGED = "leadstream.lead.stage-changed.v1";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    Pool pool;
    @Inject
    WebhookDeliverer deliverer;
    @Inject
    MockMailbox mailbox;
    @Inject
    ObjectMapper mapper;
    @Inject
    EventCatalogue catalogue;

    WireMockServer receiver;
    InMemorySource<Message<String>> captureEvents;
    InMemorySource<Message<String>> scoringEvents;
    InMemorySource<Message<String>> distributionEvents;
    InMemorySource<Message<String>> nurtureEvents;

    @BeforeEach
    void setUp() {
        receiver = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(post("/hook").willReturn(ok()));
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        scoringEvents = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
        distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        nurtureEvents = connector.<Message<String>>source("nurture-events").runOnVertxContext(true);
        // every test starts without subscriptions: one test's deliveries never reach another's receiver
        pool.query("delete from webhook_subscription").execute().await().atMost(Duration.ofSeconds(10));
        mailbox.clear();
    }

    @AfterEach
    void tearDown() {
        receiver.stop();
        TestClocks.CLOCK.reset();
        TestTargets.NAMES.clear();
    }

    @Test
    void aSubscriberReceivesALeadsEventsSignedAndInTheOrderTheyHappened() throws Throwable {
        Response created = subscribe(hook(), "lead.captured", "lead.scored", "lead.assigned", "lead.stage-changed");
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(created.header("Location")).endsWith("/api/webhooks/" + id);
        given().get("/api/webhooks/" + id).then().statusCode(200).body("secret", nullValue())
                .body("status", equalTo("ACTIVE")).body("eventTypes", hasItem("lead.scored"));

        String lead = UUID.randomUUID().toString();
        Instant t = Instant.now();
        // read from three topics in another order than they happened: assigned, then captured, then scored
        distributionEvents.send(event(ASSIGNED, lead, assigned(lead), t.plusSeconds(2)));
        captureEvents.send(event(CAPTURED, lead, captured(lead, "web", "smb", "crm"), t));
        scoringEvents.send(event(SCORED, lead, scored(lead), t.plusSeconds(1)));
        distributionEvents.send(event(QUEUED, lead, "{\"leadId\":\"" + lead + "\",\"queue\":\"inbound\","
                + "\"reason\":\"no rule\",\"queuedAt\":\"" + t + "\"}", t.plusSeconds(1))); // not subscribed
        nurtureEvents.send(event(STAGE_CHANGED, lead, "{\"leadId\":\"" + lead + "\",\"to\":\"OPEN\"}",
                t.plusSeconds(3)));
        awaitQueued(lead, 4);

        pass(); // nothing yet: the deliveries settle first
        assertThat(requests()).isEmpty();
        TestClocks.CLOCK.advance(Duration.ofSeconds(3));
        for (int i = 0; i < 4; i++) {
            pass(); // one lead: one delivery per pass, the next one only after the one before it
        }

        List<LoggedRequest> got = requests();
        assertThat(got).hasSize(4);
        List<String> types = new ArrayList<>();
        for (LoggedRequest r : got) {
            assertThat(StandardWebhooks.verify(secret, r.getHeader("webhook-id"), r.getHeader("webhook-timestamp"),
                    r.getHeader("webhook-signature"), r.getBody(), TestClocks.CLOCK.instant())).isTrue();
            assertThat(StandardWebhooks.verify(StandardWebhooks.newSecret(), r.getHeader("webhook-id"),
                    r.getHeader("webhook-timestamp"), r.getHeader("webhook-signature"), r.getBody(),
                    TestClocks.CLOCK.instant())).isFalse();
            assertThat(r.getHeader("content-type")).startsWith("application/cloudevents+json");
            JsonNode ce = mapper.readTree(r.getBody());
            assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
            assertThat(ce.path("subject").asText()).isEqualTo(lead);
            assertThat(ce.path("data").path("leadId").asText()).isEqualTo(lead);
            assertThat(ce.path("datacontenttype").asText()).isEqualTo("application/json");
            types.add(ce.path("type").asText());
        }
        assertThat(types).containsExactly(CAPTURED, SCORED, ASSIGNED, STAGE_CHANGED);
        // the payload is the event as Kafka carried it: its data unchanged, nothing added
        assertThat(mapper.readTree(got.get(0).getBody()).path("data"))
                .isEqualTo(mapper.readTree(captured(lead, "web", "smb", "crm")));

        Response log = given().get("/api/webhooks/" + id + "/deliveries").then().statusCode(200).extract().response();
        assertThat(log.<List<String>>path("items.status")).containsOnly("DELIVERED");
        assertThat(log.<List<Integer>>path("items.attempts")).containsOnly(1);
        assertThat(log.<List<String>>path("items.eventType")).containsExactlyInAnyOrder(STAGE_CHANGED, ASSIGNED,
                SCORED, CAPTURED);
        // every attempt's webhook-id is its delivery's id
        assertThat(got.stream().map(r -> r.getHeader("webhook-id")).toList())
                .containsExactlyInAnyOrderElementsOf(log.path("items.id"));
        String capturedDelivery = delivery(id, CAPTURED).path("id").asText();
        assertThat(got.get(0).getHeader("webhook-id")).isEqualTo(capturedDelivery);

        // paging: two by two, newest queued first, each delivery once
        Response first = given().queryParam("limit", 2).get("/api/webhooks/" + id + "/deliveries").then()
                .statusCode(200).extract().response();
        String cursor = first.path("nextCursor");
        Response second = given().queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().response();
        List<String> paged = new ArrayList<>(first.<List<String>>path("items.id"));
        paged.addAll(second.path("items.id"));
        assertThat(paged).containsExactlyElementsOf(log.path("items.id"));
        given().queryParam("cursor", "nonsense").get("/api/webhooks/" + id + "/deliveries").then().statusCode(400);
        given().queryParam("status", "LOST").get("/api/webhooks/" + id + "/deliveries").then().statusCode(400);

        // a delivery retried by hand goes out again under the same webhook-id
        given().post("/api/webhooks/" + id + "/deliveries/" + capturedDelivery + "/retry").then().statusCode(202)
                .body("status", equalTo("PENDING"));
        pass();
        assertThat(requests()).hasSize(5);
        assertThat(requests().get(4).getHeader("webhook-id")).isEqualTo(capturedDelivery);
        given().post("/api/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/retry").then().statusCode(404);
    }

    @Test
    void aFailedDeliveryIsRetriedAfter500sAndTimeoutsAndHoldsTheLeadsLaterEvents() throws Throwable {
        receiver.resetAll();
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serverError().withBody("database down")).willSetStateTo("slow"));
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("slow")
                .willReturn(ok().withFixedDelay(2500)).willSetStateTo("fine"));
        receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("fine").willReturn(ok()));
        String id = subscribe(hook(), "lead.captured", "lead.scored").path("id");
        String lead = UUID.randomUUID().toString();
        Instant t = Instant.now();
        captureEvents.send(event(CAPTURED, lead, captured(lead, "web", null), t));
        scoringEvents.send(event(SCORED, lead, scored(lead), t.plusSeconds(1)));
        awaitQueued(lead, 2);
        TestClocks.CLOCK.advance(Duration.ofSeconds(3));

        pass();
        JsonNode captured = delivery(id, CAPTURED);
        assertThat(captured.path("status").asText()).isEqualTo("PENDING");
        assertThat(captured.path("attempts").asInt()).isEqualTo(1);
        assertThat(captured.path("lastStatus").asInt()).isEqualTo(500);
        assertThat(captured.path("lastError").asText()).contains("HTTP 500").contains("database down");
        Instant next = Instant.parse(captured.path("nextAttemptAt").asText());
        assertThat(Duration.between(Instant.parse(captured.path("lastAttemptAt").asText()), next))
                .isEqualTo(Duration.ofSeconds(10));

        pass(); // not due yet; and the lead's next event waits behind it
        assertThat(requests()).hasSize(1);

        TestClocks.CLOCK.advance(Duration.ofSeconds(11));
        pass();
        captured = delivery(id, CAPTURED);
        assertThat(captured.path("attempts").asInt()).isEqualTo(2);
        assertThat(captured.path("lastStatus").isNull()).isTrue();
        assertThat(captured.path("lastError").asText()).contains("no answer within 1000 ms");
        // failing for 11 s now: the next wait is as long
        assertThat(Duration.between(Instant.parse(captured.path("lastAttemptAt").asText()),
                Instant.parse(captured.path("nextAttemptAt").asText()))).isBetween(Duration.ofSeconds(11),
                        Duration.ofSeconds(13));
        assertThat(delivery(id, SCORED).path("attempts").asInt()).isZero();

        TestClocks.CLOCK.advance(Duration.ofSeconds(14));
        pass();
        pass();
        assertThat(delivery(id, CAPTURED).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivery(id, CAPTURED).path("attempts").asInt()).isEqualTo(3);
        assertThat(delivery(id, SCORED).path("status").asText()).isEqualTo("DELIVERED");
        await().atMost(Duration.ofSeconds(5)).until(() -> requests().size() == 4);
        List<LoggedRequest> got = requests();
        assertThat(got.stream().map(this::type).toList()).containsExactly(CAPTURED, CAPTURED, CAPTURED, SCORED);
        assertThat(got.subList(0, 3).stream().map(r -> r.getHeader("webhook-id")).distinct()).hasSize(1);
    }

    @Test
    void aDeliveryFailingForTheWholeRetryWindowPausesItsSubscriptionAndTellsTheAdmins() throws Throwable {
        receiver.resetAll();
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(503)));
        String id = subscribe(hook(), "lead.captured", "lead.scored").path("id");
        String lead = UUID.randomUUID().toString();
        Instant t = Instant.now();
        captureEvents.send(event(CAPTURED, lead, captured(lead, "web", null), t));
        scoringEvents.send(event(SCORED, lead, scored(lead), t.plusSeconds(1)));
        awaitQueued(lead, 2);
        TestClocks.CLOCK.advance(Duration.ofSeconds(3));

        int passes = 0;
        while (!"FAILED".equals(delivery(id, CAPTURED).path("status").asText()) && passes++ < 60) {
            pass();
            JsonNode d = delivery(id, CAPTURED);
            if (!d.path("nextAttemptAt").isNull() && !d.path("nextAttemptAt").isMissingNode()) {
                TestClocks.CLOCK.set(Instant.parse(d.path("nextAttemptAt").asText()).plusMillis(1));
            }
        }
        JsonNode failed = delivery(id, CAPTURED);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("attempts").asInt()).isBetween(30, 36);
        assertThat(Duration.between(Instant.parse(failed.path("firstAttemptAt").asText()),
                Instant.parse(failed.path("lastAttemptAt").asText()))).isGreaterThanOrEqualTo(Duration.ofHours(24));
        // the circuit breaker left the failing target alone after a few attempts: most never reached it
        assertThat(requests().size()).isGreaterThanOrEqualTo(4).isLessThan(failed.path("attempts").asInt());
        given().get("/api/webhooks/" + id).then().statusCode(200).body("status", equalTo("PAUSED"))
                .body("pausedReason", containsString("failed for 24 h"));
        assertThat(delivery(id, SCORED).path("status").asText()).isEqualTo("PENDING");
        assertThat(delivery(id, SCORED).path("attempts").asInt()).isZero();
        assertThat(mailbox.getMailsSentTo("webhook-admins@leadstream.local")).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).contains("webhook paused").contains(hook()))
                .satisfies(m -> assertThat(m.getText()).contains(id).contains("failed for 24 h"));

        // paused: nothing goes out and nothing is retried, but events are still queued
        String later = UUID.randomUUID().toString();
        captureEvents.send(event(CAPTURED, later, captured(later, "web", null), TestClocks.CLOCK.instant()));
        awaitQueued(later, 1);
        int before = requests().size();
        TestClocks.CLOCK.advance(Duration.ofSeconds(3));
        pass();
        assertThat(requests()).hasSize(before);
        given().post("/api/webhooks/" + id + "/deliveries/" + failed.path("id").asText() + "/retry").then()
                .statusCode(409).body("type", containsString("webhook-paused"));
        assertThat(mailbox.getMailsSentTo("webhook-admins@leadstream.local")).hasSize(1); // told once

        // fixed and resumed: the failed delivery retried by hand, then the rest in order
        receiver.resetAll();
        receiver.stubFor(post("/hook").willReturn(ok()));
        given().contentType(ContentType.JSON).body(Map.of("url", hook(), "eventTypes",
                List.of("lead.captured", "lead.scored"), "allowPrivateTargets", true, "active", true))
                .put("/api/webhooks/" + id).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("pausedReason", nullValue());
        given().post("/api/webhooks/" + id + "/deliveries/" + failed.path("id").asText() + "/retry").then()
                .statusCode(202);
        // the circuit opened on the failing target closes after its delay (2 s in tests)
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            TestClocks.CLOCK.advance(Duration.ofSeconds(15)); // an attempt the open circuit held is due again
            pass();
            return requests().size() >= 3;
        });
        assertThat(requests().stream().map(this::type).toList()).containsExactlyInAnyOrder(CAPTURED, SCORED, CAPTURED);
        List<String> leadOrder = requests().stream().filter(r -> lead.equals(subject(r))).map(this::type).toList();
        assertThat(leadOrder).containsExactly(CAPTURED, SCORED);
    }

    @Test
    void privateLoopbackAndLinkLocalTargetsAreRefusedUnlessAllowedAndCheckedAgainAtDelivery() throws Throwable {
        for (String url : List.of("http://127.0.0.1:" + receiver.port() + "/hook", "http://169.254.169.254/latest/",
                "http://10.1.2.3/hook", "http://[::1]/hook", "http://localhost/hook")) {
            given().contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of("lead.captured")))
                    .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("allow private targets"));
        }
        for (String url : List.of("ftp://files.example.com/", "http://user:pw@hooks.example.com/", "not a url")) {
            given().contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of("lead.captured")))
                    .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
        }

        // a name that resolved to a public address when saved and to loopback by the time of delivery
        String host = "hooks-" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
        TestTargets.NAMES.put(host, new InetAddress[] { InetAddress.getByName("93.184.216.34") });
        String url = "http://" + host + ":" + receiver.port() + "/hook";
        String id = subscribe(url, false, "lead.captured").path("id");
        given().contentType(ContentType.JSON).body(Map.of("url", "http://127.0.0.1/hook", "eventTypes",
                List.of("lead.captured"))).put("/api/webhooks/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("url"));
        TestTargets.NAMES.put(host, new InetAddress[] { InetAddress.getByName("127.0.0.1") });
        String lead = UUID.randomUUID().toString();
        captureEvents.send(event(CAPTURED, lead, captured(lead, "web", null), Instant.now()));
        awaitQueued(lead, 1);
        TestClocks.CLOCK.advance(Duration.ofSeconds(3));
        pass();

        JsonNode d = delivery(id, CAPTURED);
        assertThat(d.path("status").asText()).isEqualTo("PENDING");
        assertThat(d.path("attempts").asInt()).isEqualTo(1);
        assertThat(d.path("lastError").asText()).contains("refused now").contains("loopback");
        assertThat(requests()).isEmpty();
    }

    @Test
    void theFilterPicksLeadsBySourceProductAndSegmentAsCaptureLastSaidAndAnErasureIsPassedOn() throws Exception {
        String id = subscribe(Map.of("url", hook(), "eventTypes",
                List.of("lead.captured", "lead.scored", "lead.erased"), "allowPrivateTargets", true,
                "filter", Map.of("source", "Email", "product", "crm", "segment", "smb"))).path("id");
        given().get("/api/webhooks/" + id).then().body("filter.source", equalTo("email"));
        String match = UUID.randomUUID().toString();
        String otherSource = UUID.randomUUID().toString();
        String otherProduct = UUID.randomUUID().toString();
        Instant t = Instant.now();
        applied(captureEvents, event(CAPTURED, match, captured(match, "email", "smb", "crm", "erp"), t));
        applied(captureEvents, event(CAPTURED, otherSource, captured(otherSource, "web", "smb", "crm"), t));
        applied(captureEvents, event(CAPTURED, otherProduct, captured(otherProduct, "email", "smb", "erp"), t));
        applied(scoringEvents, event(SCORED, match, scored(match), t.plusSeconds(1)));
        applied(scoringEvents, event(SCORED, otherSource, scored(otherSource), t.plusSeconds(1)));
        // the lead no longer wants crm: its later events are not this subscriber's
        applied(captureEvents, event(UPDATED, match, updated(match, "email", "smb", "erp"), t.plusSeconds(2)));
        applied(scoringEvents, event(SCORED, match, scored(match), t.plusSeconds(3)));
        // an older update read late changes nothing
        applied(captureEvents, event(UPDATED, otherProduct, updated(otherProduct, "email", "smb", "crm"),
                t.minusSeconds(5)));
        applied(scoringEvents, event(SCORED, otherProduct, scored(otherProduct), t.plusSeconds(3)));
        // an erasure of a matching lead reaches the subscriber; afterwards the lead is forgotten
        String erased = UUID.randomUUID().toString();
        applied(captureEvents, event(CAPTURED, erased, captured(erased, "email", "smb", "crm"), t));
        applied(captureEvents, event(ERASED, erased, "{\"leadId\":\"" + erased + "\",\"erasedAt\":\"" + t + "\"}",
                t.plusSeconds(1)));
        assertThat(count("select count(*) from webhook_lead where lead_id = '" + erased + "'")).isZero();
        // read before the lead was known (its lead.captured, on another topic, came later): the filter waits for it
        String early = UUID.randomUUID().toString();
        String neverCaptured = UUID.randomUUID().toString();
        String capturedElsewhere = UUID.randomUUID().toString();
        applied(scoringEvents, event(SCORED, early, scored(early), t.plusSeconds(1)));
        applied(scoringEvents, event(SCORED, neverCaptured, scored(neverCaptured), t.plusSeconds(1)));
        applied(scoringEvents, event(SCORED, capturedElsewhere, scored(capturedElsewhere), t.plusSeconds(1)));
        applied(captureEvents, event(CAPTURED, early, captured(early, "email", "smb", "crm"), t));
        applied(captureEvents, event(CAPTURED, capturedElsewhere, captured(capturedElsewhere, "web", "smb", "crm"), t));
        assertThat(count("select count(*) from webhook_delivery where filter_pending")).isEqualTo(3);

        TestClocks.CLOCK.advance(Duration.ofSeconds(3));
        for (int i = 0; i < 3; i++) {
            pass();
        }
        assertThat(count("select count(*) from webhook_delivery where lead_id = '" + match + "'")).isEqualTo(2);
        assertThat(count("select count(*) from webhook_delivery where lead_id = '" + erased + "'")).isEqualTo(2);
        assertThat(count("select count(*) from webhook_delivery where lead_id = '" + early + "'")).isEqualTo(2);
        assertThat(count("select count(*) from webhook_delivery where lead_id in ('" + otherSource + "', '"
                + otherProduct + "', '" + capturedElsewhere + "')")).isZero();
        assertThat(count("select count(*) from webhook_delivery where lead_id = '" + neverCaptured + "'")).isEqualTo(1);
        // the lead it waits for never comes: dropped after filter-wait
        TestClocks.CLOCK.advance(Duration.ofMinutes(6));
        pass();
        assertThat(count("select count(*) from webhook_delivery where lead_id = '" + neverCaptured + "'")).isZero();
        List<String> delivered = requests().stream().map(this::subject).distinct().toList();
        assertThat(delivered).containsExactlyInAnyOrder(match, erased, early);
        assertThat(requests().stream().filter(r -> early.equals(subject(r))).map(this::type).toList())
                .containsExactly(CAPTURED, SCORED); // in the order they happened, not the order they were read
    }

    @Test
    void subscriptionsAreValidatedReplacedAndDeleted() {
        given().contentType(ContentType.JSON).body(Map.of("url", hook(), "eventTypes", List.of("lead.caught")))
                .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("eventTypes[0]"))
                .body("errors[0].message", containsString("lead.captured"));
        given().contentType(ContentType.JSON).body(Map.of("url", hook(), "eventTypes", List.of()))
                .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("eventTypes"));
        given().contentType(ContentType.JSON).body(Map.of("url", hook(), "eventTypes", List.of("lead.captured"),
                "secret", "letmein")).post("/api/webhooks").then().statusCode(400)
                .body("errors[0].field", equalTo("secret"));
        given().contentType(ContentType.JSON).body("").post("/api/webhooks").then().statusCode(400);

        String secret = StandardWebhooks.newSecret();
        String id = subscribe(Map.of("url", hook(), "eventTypes", List.of("lead.captured"), "secret", secret,
                "allowPrivateTargets", true, "description", "the CRM sync")).path("id");
        given().get("/api/webhooks").then().statusCode(200).body("items.id", hasItem(id))
                .body("items.secret", not(hasItem(secret)));
        given().contentType(ContentType.JSON).body(Map.of("url", hook(), "eventTypes",
                List.of("lead.captured", "lead.assigned"), "allowPrivateTargets", true, "active", false))
                .put("/api/webhooks/" + id).then().statusCode(200).body("status", equalTo("PAUSED"))
                .body("pausedReason", equalTo("paused by webhook-admin")).body("description", nullValue())
                .body("eventTypes", equalTo(List.of("lead.captured", "lead.assigned")));
        given().contentType(ContentType.JSON).body(Map.of("url", hook(), "eventTypes", List.of("lead.captured"),
                "allowPrivateTargets", true)).put("/api/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/webhooks/" + UUID.randomUUID() + "/deliveries").then().statusCode(404);
        given().delete("/api/webhooks/" + id).then().statusCode(204);
        given().get("/api/webhooks/" + id).then().statusCode(404);
        given().delete("/api/webhooks/" + id).then().statusCode(404);
        assertThat(mailbox.getMailsSentTo("webhook-admins@leadstream.local")).isEmpty(); // an admin paused it
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void onlyAdminsManageWebhooks() {
        given().get("/api/webhooks").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("url", "https://hooks.example.com/", "eventTypes",
                List.of("lead.captured"))).post("/api/webhooks").then().statusCode(403);
    }

    @Test
    void theCatalogueIsEveryEventOfTheFourProducingServices() {
        TreeSet<String> schemas = new TreeSet<>();
        for (String service : List.of("capture", "scoring", "distribution", "nurture")) {
            File[] files = new File("../" + service + "-service/src/main/resources/events").listFiles();
            assertThat(files).isNotEmpty();
            Arrays.stream(files).map(f -> f.getName().replaceAll("\\.v\\d+\\.json$", "")).forEach(schemas::add);
        }
        assertThat(catalogue.names()).containsExactlyElementsOf(schemas);
    }

    // --- helpers

    private String hook() {
        return "http://127.0.0.1:" + receiver.port() + "/hook";
    }

    private Response subscribe(String url, String... types) {
        return subscribe(url, true, types);
    }

    private Response subscribe(String url, boolean allowPrivate, String... types) {
        return subscribe(Map.of("url", url, "eventTypes", List.of(types), "allowPrivateTargets", allowPrivate));
    }

    private Response subscribe(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/webhooks").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("secret", startsWith("whsec_")).extract().response();
    }

    private void pass() throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(() -> deliverer.run());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private List<LoggedRequest> requests() {
        List<LoggedRequest> all = new ArrayList<>(receiver.getAllServeEvents().stream()
                .map(e -> e.getRequest()).toList());
        Collections.reverse(all); // WireMock keeps them newest first
        return all;
    }

    private String type(LoggedRequest r) {
        return json(r).path("type").asText();
    }

    private String subject(LoggedRequest r) {
        return json(r).path("subject").asText();
    }

    private JsonNode json(LoggedRequest r) {
        try {
            return mapper.readTree(r.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subscription's delivery of the event of type {@code ceType} (the newest, if several). */
    private JsonNode delivery(String id, String ceType) throws Exception {
        JsonNode items = mapper.readTree(given().queryParam("limit", 200).get("/api/webhooks/" + id + "/deliveries")
                .then().statusCode(200).extract().asString()).path("items");
        for (JsonNode d : items) {
            if (ceType.equals(d.path("eventType").asText())) {
                return d;
            }
        }
        throw new AssertionError("no delivery of " + ceType + " in " + items);
    }

    private void awaitQueued(String lead, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from webhook_delivery where lead_id = '"
                + lead + "'") >= n);
    }

    /** Sends the event and waits until nurture has taken it (its ce_id in processed_event). */
    private void applied(InMemorySource<Message<String>> source, Message<String> message) {
        String ceId = io.leadstream.chassis.testing.TestEvents.cloudEvent(message).getId();
        source.send(message);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from processed_event where event_id = '"
                + ceId + "'") > 0);
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static Message<String> event(String ceType, String lead, String json, Instant time) {
        return Message.of(json).addMetadata(OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withType(ceType)
                .withSource(URI.create("/test"))
                .withSubject(lead)
                .withTimestamp(ZonedDateTime.ofInstant(time, ZoneOffset.UTC))
                .build());
    }

    private static String captured(String lead, String source, String segment, String... products) {
        return """
                {"leadId":"%s","source":"%s","segment":%s,"products":[%s]}""".formatted(lead, source,
                segment == null ? "null" : "\"" + segment + "\"",
                String.join(",", Arrays.stream(products).map(p -> "\"" + p + "\"").toList()));
    }

    private static String updated(String lead, String source, String segment, String... products) {
        return """
                {"leadId":"%s","changedFields":["products"],"source":"%s","segment":"%s","products":[%s]}"""
                .formatted(lead, source, segment,
                        String.join(",", Arrays.stream(products).map(p -> "\"" + p + "\"").toList()));
    }

    private static String scored(String lead) {
        return """
                {"leadId":"%s","score":70,"grade":"B","qualified":false,"trigger":"captured","modelVersion":"rules-1",
                 "scoredAt":"%s"}""".formatted(lead, Instant.now());
    }

    private static String assigned(String lead) {
        return """
                {"leadId":"%s","repId":"rep-webhooks","strategy":"ROUND_ROBIN","reason":"rule 'web leads'","score":70,
                 "grade":"B","assignedAt":"%s"}""".formatted(lead, Instant.now());
    }
}
