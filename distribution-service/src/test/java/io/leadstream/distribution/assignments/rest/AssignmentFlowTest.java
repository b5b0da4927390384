package io.leadstream.distribution.assignments.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.TestEvents;
import io.leadstream.distribution.assignments.AssignmentService;
import io.leadstream.distribution.assignments.LeadScoredEvent;
import io.leadstream.distribution.assignments.CaptureEventsConsumer;
import io.leadstream.distribution.assignments.ScoringEventsConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class AssignmentFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // generous: the first event after start-up on a busy machine
    /** How a reason starts while the built-in rule book (no rules) is in force. */
    private static final String DEFAULT = "no rule matched; the default sends it to every rep: ";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;
    @Inject
    AssignmentService assignments;
    @Inject
    ScoringEventsConsumer consumer;
    @Inject
    CaptureEventsConsumer captureConsumer;

    InMemorySource<Message<String>> scoringEvents;
    InMemorySource<Message<String>> captureEvents;
    InMemorySink<String> outbox;

    /** Each test starts with no active rep and a rotation where nobody has been assigned yet. */
    @BeforeEach
    void freshRotation() {
        scoringEvents = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
        captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        outbox = connector.sink("outbox");
        sql("update rep set active = false where active");
        sql("update round_robin_cursor set last_rep_id = null");
    }

    private static String scored(String leadId, int score, String grade) {
        return """
                {"leadId":"%s","score":%d,"grade":"%s","fit":25,"engagement":0,"dataQuality":45,
                 "reasonCodes":["EMAIL_VALID","SOURCE_WEB"],"modelVersion":"rules-v1","trigger":"lead.captured",
                 "scoredAt":"2026-11-22T10:00:01Z","somethingNew":"ignored"}""".formatted(leadId, score, grade);
    }

    private String sendScored(String leadId) {
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", leadId, scored(leadId, 70, "B")));
        return leadId;
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldAlternateAssignmentsAmongActiveRepsAndAnnounceEach() throws Exception {
        activeReps("rep-a", "rep-b");
        List<String> leads = List.of(newLead(), newLead(), newLead());
        leads.forEach(this::sendScored);

        assertThat(leads.stream().map(this::awaitRepOf)).containsExactly("rep-a", "rep-b", "rep-a");
        given().get("/api/assignments/" + leads.get(1)).then().statusCode(200)
                .body("leadId", equalTo(leads.get(1)))
                .body("strategy", equalTo("ROUND_ROBIN"))
                .body("reason", equalTo(DEFAULT + "round-robin among 2 eligible reps: rep-b follows rep-a"))
                .body("candidates.repId", contains("rep-a", "rep-b"))
                .body("score", equalTo(70))
                .body("grade", equalTo("B"));

        List<String> expectedReps = List.of("rep-a", "rep-b", "rep-a");
        for (int i = 0; i < leads.size(); i++) {
            String leadId = leads.get(i);
            List<? extends Message<String>> events = await().atMost(WAIT)
                    .until(() -> assignedEventsFor(leadId), list -> !list.isEmpty());
            assertThat(events).hasSize(1);
            var ce = TestEvents.cloudEvent(events.get(0));
            assertThat(ce.getType()).isEqualTo("leadstream.lead.assigned.v1");
            assertThat(ce.getSubject()).contains(leadId);
            assertThat(ce.getSource()).hasToString("/distribution-service");
            JsonNode payload = mapper.readTree(events.get(0).getPayload());
            assertThat(schemaErrors(payload)).isEmpty();
            assertThat(payload.path("leadId").asText()).isEqualTo(leadId);
            assertThat(payload.path("repId").asText()).isEqualTo(expectedReps.get(i));
            assertThat(payload.path("score").asInt()).isEqualTo(70);
        }
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldShareConcurrentAssignmentsEvenlyAmongReps() throws Exception {
        activeReps("rep-a", "rep-b", "rep-c");
        List<String> leads = IntStream.range(0, 9).mapToObj(i -> newLead()).toList();

        // nine transactions at once, as consumers on several partitions or replicas would run them
        ExecutorService consumers = Executors.newFixedThreadPool(leads.size());
        try {
            List<Future<Void>> runs = leads.stream().map(leadId -> consumers.submit(() -> {
                assignInItsOwnTransaction(new LeadScoredEvent(UUID.fromString(leadId), 70, "B", false, "lead.captured",
                        Instant.parse("2026-11-22T10:00:01Z")));
                return (Void) null;
            })).toList();
            for (Future<Void> run : runs) {
                run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            consumers.shutdownNow();
        }

        Map<String, Long> leadsPerRep = leads.stream()
                .collect(Collectors.groupingBy(this::awaitRepOf, Collectors.counting()));
        assertThat(leadsPerRep).containsOnly(entry("rep-a", 3L), entry("rep-b", 3L), entry("rep-c", 3L));
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldApplyARedeliveredEventOnlyOnce() {
        activeReps("rep-a", "rep-b");
        String leadId = newLead();
        String ceId = UUID.randomUUID().toString();
        scoringEvents.send(TestEvents.event(ceId, "leadstream.lead.scored.v1", leadId, scored(leadId, 70, "B")));
        assertThat(awaitRepOf(leadId)).isEqualTo("rep-a");

        scoringEvents.send(TestEvents.event(ceId, "leadstream.lead.scored.v1", leadId, scored(leadId, 70, "B")));
        // a later event proves the redelivery has been processed (partition order), and that it took no turn
        String marker = sendScored(newLead());
        assertThat(awaitRepOf(marker)).isEqualTo("rep-b");

        await().atMost(WAIT).until(() -> !assignedEventsFor(marker).isEmpty());
        assertThat(assignedEventsFor(leadId)).hasSize(1);
        assertThat(outboxRowsFor(leadId)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldKeepTheFirstAssignmentWhenALeadIsScoredAgain() {
        activeReps("rep-a", "rep-b");
        String leadId = newLead();
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", leadId, scored(leadId, 40, "C")));
        assertThat(awaitRepOf(leadId)).isEqualTo("rep-a");

        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", leadId, scored(leadId, 90, "A")));
        String marker = sendScored(newLead());
        assertThat(awaitRepOf(marker)).isEqualTo("rep-b");

        given().get("/api/assignments/" + leadId).then().statusCode(200)
                .body("repId", equalTo("rep-a"))
                .body("score", equalTo(40));
        assertThat(outboxRowsFor(leadId)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "admin", roles = "lead-admin")
    void shouldSkipInactiveReps() {
        activeReps("rep-a", "rep-b", "rep-c");
        assertThat(awaitRepOf(sendScored(newLead()))).isEqualTo("rep-a");

        given().contentType("application/json").body("{\"displayName\":\"Rep rep-b\",\"active\":false}")
                .put("/api/reps/rep-b").then().statusCode(200).body("active", equalTo(false));

        String second = sendScored(newLead());
        assertThat(awaitRepOf(second)).isEqualTo("rep-c");
        given().get("/api/assignments/" + second).then()
                .body("candidates.repId", contains("rep-a", "rep-c"))
                .body("reason", equalTo(DEFAULT + "round-robin among 2 eligible reps: rep-c follows rep-a"));
        assertThat(awaitRepOf(sendScored(newLead()))).isEqualTo("rep-a");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetALeadWaitUnannouncedWhileNoRepIsActive() {
        String leadId = sendScored(newLead());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + leadId).then().statusCode(200));
        given().get("/api/assignments/" + leadId).then()
                .body("repId", nullValue())
                .body("reason", equalTo(DEFAULT + "nobody to consider (no active rep); the lead waits"))
                .body("candidates", empty());
        // the assignment and any event would have committed together: nothing is waiting to be relayed
        assertThat(outboxRowsFor(leadId)).isZero();
        assertThat(assignedEventsFor(leadId)).isEmpty();
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldAssignAWaitingLeadWhenItIsScoredAgainOnceARepIsActive() {
        String leadId = sendScored(newLead());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + leadId).then().statusCode(200)
                .body("reason", equalTo(DEFAULT + "nobody to consider (no active rep); the lead waits")));

        activeReps("rep-b");
        sendScored(leadId);

        assertThat(awaitRepOf(leadId)).isEqualTo("rep-b");
        List<? extends Message<String>> events = await().atMost(WAIT)
                .until(() -> assignedEventsFor(leadId), list -> !list.isEmpty());
        assertThat(events).hasSize(1);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldIgnoreOtherScoringEvents() {
        activeReps("rep-a");
        String leadId = newLead();
        scoringEvents.send(TestEvents.event("leadstream.model.trained.v1", leadId, "{\"leadId\":\"" + leadId + "\"}"));
        String marker = sendScored(newLead());
        assertThat(awaitRepOf(marker)).isEqualTo("rep-a");

        given().get("/api/assignments/" + leadId).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldKeepAssigningAfterAMalformedEvent() {
        activeReps("rep-a");
        String leadId = newLead();
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", leadId, "{\"score\":70,\"grade\":\"B\"}"));
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", leadId, "not json"));
        String marker = sendScored(newLead());

        assertThat(awaitRepOf(marker)).isEqualTo("rep-a");
        given().get("/api/assignments/" + leadId).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "rep1", roles = "sales-rep")
    void shouldAnswerAnUnassignedLeadWith404Problem() {
        given().get("/api/assignments/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadstream.dev/problems/not-found"));
    }

    @Test
    void shouldAnswerWithoutTokenWith401Problem() {
        given().get("/api/assignments/" + UUID.randomUUID()).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "acme", roles = "partner")
    void shouldRefusePartnersWith403Problem() {
        given().get("/api/assignments/" + UUID.randomUUID()).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldHandleOrIgnoreEveryEventScoringPublishes() {
        EventContracts.assertCovers(consumer.handlers(), "scoring-service");
    }

    @Test
    void shouldHandleOrIgnoreEveryEventCapturePublishes() {
        EventContracts.assertCovers(captureConsumer.handlers(), "capture-service");
    }

    @Test
    @TestSecurity(user = "rep-a", roles = "sales-rep")
    void shouldLetARepReadTheirOwnAssignment() {
        activeReps("rep-a");
        String leadId = sendScored(newLead());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + leadId).then().statusCode(200)
                .body("repId", equalTo("rep-a")));
    }

    @Test
    @TestSecurity(user = "rep-b", roles = "sales-rep")
    void shouldAnswer404ToARepAskingForAnotherRepsOrAWaitingLead() {
        String waiting = sendScored(newLead());
        activeReps("rep-a");
        String leadId = sendScored(newLead());
        await().atMost(WAIT).until(() -> outboxRowsFor(leadId) == 1);
        given().get("/api/assignments/" + leadId).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/assignments/" + waiting).then().statusCode(404);
    }

    private void captureEvent(String type, String leadId, String json) {
        captureEvents.send(TestEvents.event("leadstream." + type + ".v1", leadId, json));
    }

    private static String merge(String survivor, String merged) {
        return """
                {"leadId":"%s","kind":"MANUAL","mergedLeadId":"%s","source":"web","filledFields":[],
                 "mergedAt":"2026-11-24T10:00:00Z"}""".formatted(survivor, merged);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldCloseAMergedLeadsAssignmentAndLeaveTheSurvivorWithItsOwnRep() {
        activeReps("rep-a", "rep-b");
        String survivor = sendScored(newLead());
        String merged = sendScored(newLead());
        assertThat(awaitRepOf(survivor)).isEqualTo("rep-a");
        assertThat(awaitRepOf(merged)).isEqualTo("rep-b");

        captureEvent("lead.merged", survivor, merge(survivor, merged));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + merged).then().statusCode(404));
        given().get("/api/assignments/" + survivor).then().statusCode(200).body("repId", equalTo("rep-a"));
        assertThat(assignedEventsFor(survivor)).hasSize(1);
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldGiveAWaitingSurvivorTheMergedLeadsRep() throws Exception {
        String survivor = sendScored(newLead());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + survivor).then().statusCode(200)
                .body("reason", equalTo(DEFAULT + "nobody to consider (no active rep); the lead waits")));
        activeReps("rep-c");
        String merged = sendScored(newLead());
        assertThat(awaitRepOf(merged)).isEqualTo("rep-c");

        captureEvent("lead.merged", survivor, merge(survivor, merged));
        assertThat(awaitRepOf(survivor)).isEqualTo("rep-c");
        given().get("/api/assignments/" + survivor).then().body("strategy", equalTo("OWNER"))
                .body("reason", equalTo("kept rep-c, the rep of lead " + merged + ", when it was merged into this lead"));
        given().get("/api/assignments/" + merged).then().statusCode(404);
        List<? extends Message<String>> announced = await().atMost(WAIT)
                .until(() -> assignedEventsFor(survivor), list -> !list.isEmpty());
        assertThat(mapper.readTree(announced.get(0).getPayload()).get("strategy").asText()).isEqualTo("OWNER");
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldForgetAnErasedLeadsAssignment() {
        activeReps("rep-a");
        String leadId = sendScored(newLead());
        awaitRepOf(leadId);
        captureEvent("lead.erased", leadId, "{\"leadId\":\"%s\",\"erasedAt\":\"2026-12-01T12:00:00Z\"}"
                .formatted(leadId));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/assignments/" + leadId).then().statusCode(404));
    }

    private static String newLead() {
        return UUID.randomUUID().toString();
    }

    /** Waits until the lead has an assigned rep and returns it. */
    private String awaitRepOf(String leadId) {
        return await().atMost(WAIT).until(() -> {
            var response = given().get("/api/assignments/" + leadId);
            return response.statusCode() == 200 ? response.jsonPath().getString("repId") : null;
        }, repId -> repId != null);
    }

    private void assignInItsOwnTransaction(LeadScoredEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> assignments.assignScored(event)));
        } catch (Throwable e) {
            throw new IllegalStateException("assigning lead " + event.leadId() + " failed", e);
        }
    }

    private void activeReps(String... repIds) {
        for (String repId : repIds) {
            pool.preparedQuery("insert into rep (rep_id, display_name, active, created_at, updated_at) "
                    + "values ($1, $2, true, now(), now()) on conflict (rep_id) do update set active = true")
                    .execute(Tuple.of(repId, "Rep " + repId)).await().atMost(WAIT);
        }
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(WAIT);
    }

    private long outboxRowsFor(String leadId) {
        return pool.preparedQuery("select count(*) from outbox_event where aggregate_id = $1 and event_type = $2")
                .execute(Tuple.of(leadId, "leadstream.lead.assigned.v1")).await().atMost(WAIT)
                .iterator().next().getLong(0);
    }

    private List<? extends Message<String>> assignedEventsFor(String leadId) {
        return outbox.received().stream()
                .filter(m -> leadId.equals(TestEvents.cloudEvent(m).getSubject().orElse(null)))
                .toList();
    }

    private Set<ValidationMessage> schemaErrors(JsonNode json) throws Exception {
        try (InputStream schema = getClass().getResourceAsStream("/events/lead.assigned.v1.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(json);
        }
    }
}
