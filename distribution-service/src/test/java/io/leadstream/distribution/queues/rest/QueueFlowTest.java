package io.leadstream.distribution.queues.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.distribution.LeadFlow;
import io.leadstream.distribution.assignments.Assignment;
import io.leadstream.distribution.assignments.WaitingLeads;
import io.leadstream.distribution.queues.LeadClaimed;
import io.leadstream.distribution.queues.QueueClaims;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Pull queues on real PostgreSQL: a rule sends leads to a queue (lead.queued), reps see what waits best first and
 * claim it (lead.claimed) — atomically, so twenty reps claiming at once never share a lead — within their coverage,
 * capacity and daily claim limit.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class QueueFlowTest {

    private static final Duration WAIT = LeadFlow.WAIT;

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;
    @Inject
    QueueClaims claims;
    @Inject
    WaitingLeads waitingLeads;
    @Inject
    io.vertx.core.Vertx vertx;

    LeadFlow flow;

    @BeforeEach
    void channels() {
        flow = new LeadFlow(connector, pool);
    }

    /** Other test classes share the database: the built-in rules (version 1) are in force again after each test. */
    @AfterEach
    void builtInRules() {
        sql("delete from assignment_rules");
    }

    @Test
    @TestSecurity(user = "claimer", roles = "sales-rep")
    void shouldQueueLeadsByRuleAndLetARepClaimTheBestFirst() throws Exception {
        String queue = "q-" + unique();
        activeRep("claimer");
        queueRule(queue);
        String low = queuedLead(queue, 40);
        String high = queuedLead(queue, 90);
        String middle = queuedLead(queue, 65);

        given().get("/api/queues").then().statusCode(200)
                .body("find { it.queue == '" + queue + "' }.waiting", equalTo(3))
                .body("find { it.queue == '" + queue + "' }.bestScore", equalTo(90))
                .body("find { it.queue == '" + queue + "' }.inRules", equalTo(true));
        given().get("/api/queues/" + queue).then().statusCode(200)
                .body("leads.leadId", contains(high, middle, low));
        given().get("/api/assignments/" + high).then().statusCode(404); // not the rep's (nobody's) yet
        var queued = mapper.readTree(eventsFor(high, "leadstream.lead.queued.v1").get(0).getPayload());
        assertThat(queued.path("queue").asText()).isEqualTo(queue);
        assertThat(queued.path("rule").asText()).isEqualTo("pull");

        given().post("/api/queues/" + queue + "/claim").then().statusCode(200)
                .body("leadId", equalTo(high)).body("repId", equalTo("claimer")).body("queue", equalTo(queue));
        given().post("/api/queues/" + queue + "/claim").then().statusCode(200).body("leadId", equalTo(middle));
        given().post("/api/queues/" + queue + "/claim").then().statusCode(200).body("leadId", equalTo(low));
        given().post("/api/queues/" + queue + "/claim").then().statusCode(204);

        given().get("/api/assignments/" + high).then().statusCode(200)
                .body("repId", equalTo("claimer"))
                .body("strategy", equalTo("QUEUE"))
                .body("history.kind", contains("QUEUED", "CLAIMED"));
        given().get("/api/queues/" + queue).then().statusCode(200).body("leads.size()", equalTo(0));
        var claimed = mapper.readTree(await().atMost(WAIT).until(() -> eventsFor(high, "leadstream.lead.claimed.v1"),
                list -> !list.isEmpty()).get(0).getPayload());
        assertThat(claimed.path("repId").asText()).isEqualTo("claimer");
        EventContracts.assertPublishes(LeadClaimed.class, mapper.treeToValue(claimed, LeadClaimed.class));
        assertThat(eventsFor(high, "leadstream.lead.assigned.v1")).isEmpty();
    }

    /** The race: 20 reps claim from one queue at once; every lead goes to exactly one of them. */
    @Test
    void shouldNeverGiveOneLeadToTwoOfTwentyConcurrentClaimers() throws Throwable {
        String queue = "race-" + unique();
        queueRule(queue);
        List<String> leads = IntStream.range(0, 15).mapToObj(i -> queuedLead(queue, 50 + i)).toList();
        List<String> reps = IntStream.range(0, 20).mapToObj(i -> "racer-" + i + "-" + queue.substring(5)).toList();
        reps.forEach(this::activeRep);

        ExecutorService claimers = Executors.newFixedThreadPool(reps.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Optional<Assignment>> results = new ArrayList<>();
        try {
            List<Future<Optional<Assignment>>> runs = reps.stream().map(rep -> claimers.submit(() -> {
                start.await();
                // each claim on a context of its own, as each HTTP request has one (so each has its own session)
                java.util.concurrent.CompletableFuture<Optional<Assignment>> claim = new java.util.concurrent.CompletableFuture<>();
                io.vertx.core.Context context = io.smallrye.common.vertx.VertxContext
                        .createNewDuplicatedContext(vertx.getOrCreateContext());
                io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setContextSafe(context, true);
                context.runOnContext(ignored -> claims.claim(queue, rep).subscribe()
                        .with(claim::complete, claim::completeExceptionally));
                return claim.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            })).toList();
            start.countDown();
            for (Future<Optional<Assignment>> run : runs) {
                results.add(run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            claimers.shutdownNow();
        }

        List<Assignment> won = results.stream().flatMap(Optional::stream).toList();
        assertThat(won).hasSize(15);
        assertThat(won).extracting(a -> a.leadId.toString()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(leads);
        assertThat(won).extracting(a -> a.repId).doesNotHaveDuplicates().isSubsetOf(reps);
        assertThat(results.stream().filter(Optional::isEmpty).count()).isEqualTo(5);
        // as stored: each lead has the one rep that claimed it, and the queue is empty
        Map<String, String> stored = leads.stream().collect(Collectors.toMap(l -> l, this::repOf));
        assertThat(stored).allSatisfy((lead, rep) -> assertThat(won).anyMatch(a -> a.leadId.toString().equals(lead)
                && a.repId.equals(rep)));
        assertThat(count("select count(*) from queued_lead where queue = $1", queue)).isZero();
    }

    @Test
    void shouldGiveARepOnlyLeadsTheyCoverAndRefuseOneAtCapacityOrItsDailyClaims() throws Throwable {
        String queue = "cover-" + unique();
        queueRule(queue);
        String german = queuedLead(queue, 80); // country DE
        String frRep = "fr-" + queue.substring(6);
        activeRep(frRep);
        sql("update rep set territories = '{FR}' where rep_id = '" + frRep + "'");

        assertThat(VertxContextSupport.subscribeAndAwait(() -> claims.claim(queue, frRep))).isEmpty();

        String fullRep = "full-" + queue.substring(6);
        activeRep(fullRep);
        sql("update rep set max_open_leads = 1 where rep_id = '" + fullRep + "'");
        sql("insert into assignment (lead_id, rep_id, strategy, reason, candidates, score, grade, assigned_at) "
                + "values ('" + UUID.randomUUID() + "', '" + fullRep + "', 'MANUAL', 'held', '{\"items\":[]}', 50, "
                + "'C', now())");
        assertThatConflict(() -> claims.claim(queue, fullRep), "at-capacity");
        assertThatConflict(() -> claims.claim(queue, "nobody-" + queue.substring(6)), "not-an-active-rep");

        // leadstream.distribution.queue.claims-per-day (50): the 51st claim of a day is refused, yesterday's don't count
        String busyRep = "busy-" + queue.substring(6);
        activeRep(busyRep);
        sql("insert into assignment_history (lead_id, kind, rep_id, strategy, reason, candidates, at) "
                + "select gen_random_uuid(), 'CLAIMED', '" + busyRep + "', 'QUEUE', 'claimed', '{\"items\":[]}', "
                + "now() - interval '1 day' from generate_series(1, 60)");
        sql("insert into assignment_history (lead_id, kind, rep_id, strategy, reason, candidates, at) "
                + "select gen_random_uuid(), 'CLAIMED', '" + busyRep + "', 'QUEUE', 'claimed', '{\"items\":[]}', "
                + "now() from generate_series(1, 49)");
        sql("update rep set territories = '{FR}' where rep_id = '" + busyRep + "'"); // the 50th claim finds nothing
        assertThat(VertxContextSupport.subscribeAndAwait(() -> claims.claim(queue, busyRep))).isEmpty();
        sql("insert into assignment_history (lead_id, kind, rep_id, strategy, reason, candidates, at) values ("
                + "gen_random_uuid(), 'CLAIMED', '" + busyRep + "', 'QUEUE', 'claimed', '{\"items\":[]}', now())");
        assertThatConflict(() -> claims.claim(queue, busyRep), "claim-limit");

        // the lead still waits, and the waiting-leads pass leaves queued leads to the claimers
        VertxContextSupport.subscribeAndAwait(() -> waitingLeads.retry());
        assertThat(count("select count(*) from queued_lead where lead_id = $1", UUID.fromString(german))).isOne();
    }

    @Test
    @TestSecurity(user = "manager", roles = "sales-manager")
    void shouldLetOnlyRepsClaimAndKnowUnknownQueues() {
        given().post("/api/queues/some-queue/claim").then().statusCode(403);
        given().get("/api/queues/no-such-queue-" + unique()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/queues/x?limit=0").then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void shouldMoveAQueuedLeadWhenItIsRescored() {
        String queue = "rescore-" + unique();
        queueRule(queue);
        String first = queuedLead(queue, 70);
        String second = queuedLead(queue, 60);
        flow.sendScored(second, """
                {"leadId":"%s","score":95,"grade":"A","qualified":true,"scoredAt":"2026-11-22T10:10:00Z"}"""
                .formatted(second));
        await().atMost(WAIT).until(() -> count("select count(*) from queued_lead where lead_id = $1 and score = 95",
                UUID.fromString(second)) == 1);
        assertThat(count("select count(*) from queued_lead where queue = $1", queue)).isEqualTo(2);
        assertThat(eventsFor(second, "leadstream.lead.queued.v1")).hasSize(1);
        assertThat(first).isNotEqualTo(second);
    }

    private void assertThatConflict(java.util.function.Supplier<io.smallrye.mutiny.Uni<Optional<Assignment>>> claim,
            String type) {
        try {
            VertxContextSupport.subscribeAndAwait(claim);
            throw new AssertionError("expected a " + type + " conflict");
        } catch (io.leadstream.chassis.problem.ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(409);
            assertThat(e.problem().type()).endsWith(type);
        } catch (Throwable e) {
            throw new AssertionError("expected a " + type + " conflict, got " + e, e);
        }
    }

    private void queueRule(String queue) {
        String book = """
                {"rules":[{"name":"pull","when":{"products":["%s"]},"target":{"type":"QUEUE","id":"%s"}}],
                 "fallback":{"name":"default","target":{"type":"ALL_REPS"},"strategy":"ROUND_ROBIN"}}"""
                .formatted(queue, queue);
        flow.rules(book); // stored as an admin would (PUT validates it); the test's own identity may be a rep
    }

    /** A lead for the queue's product, captured in DE and scored: it lands in the queue. */
    private String queuedLead(String queue, int score) {
        String leadId = flow.captured(queue, "DE");
        flow.scored(leadId, score, "C");
        await().atMost(WAIT).until(() -> count("select count(*) from queued_lead where lead_id = $1",
                UUID.fromString(leadId)) == 1);
        return leadId;
    }

    private String repOf(String leadId) {
        return pool.preparedQuery("select rep_id from assignment where lead_id = $1")
                .execute(Tuple.of(UUID.fromString(leadId))).await().atMost(WAIT).iterator().next().getString(0);
    }

    private void activeRep(String repId) {
        flow.activeReps(repId);
    }

    private long count(String sql, Object param) {
        return flow.count(sql, param);
    }

    private void sql(String statement) {
        flow.sql(statement);
    }

    private List<? extends Message<String>> eventsFor(String leadId, String type) {
        return flow.eventsFor(leadId, type);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
