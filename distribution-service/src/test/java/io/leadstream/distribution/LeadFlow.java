package io.leadstream.distribution;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.leadstream.chassis.testing.TestEvents;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What distribution's service tests do again and again: leads arriving on capture's and scoring's topics (each step
 * awaited in the database), reps registered by SQL, counts, and the events distribution published.
 */
public final class LeadFlow {

    /** Generous: the first event after start-up on a busy machine. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;
    private final InMemorySource<Message<String>> captureEvents;
    private final InMemorySource<Message<String>> scoringEvents;
    private final InMemorySink<String> outbox;

    public LeadFlow(InMemoryConnector connector, Pool pool) {
        this.pool = pool;
        this.captureEvents = connector.<Message<String>>source("capture-events").runOnVertxContext(true);
        this.scoringEvents = connector.<Message<String>>source("scoring-events").runOnVertxContext(true);
        this.outbox = connector.sink("outbox");
    }

    /** A new lead captured on the web in {@code country} for {@code product}; returns once distribution knows it. */
    public String captured(String product, String country) {
        String leadId = UUID.randomUUID().toString();
        captureEvents.send(TestEvents.event("leadstream.lead.captured.v1", leadId, """
                {"leadId":"%s","source":"web","country":"%s","language":"de","products":["%s"],"segment":"smb",
                 "utm":{"medium":"email"},"capturedAt":"2026-11-22T10:00:00Z",
                 "quality":{"emailValid":true,"phoneValid":false,"hasCompany":false}}""".formatted(leadId, country,
                product)));
        await().atMost(WAIT).until(() -> count("select count(*) from lead_facts where lead_id = $1 and source = 'web'",
                UUID.fromString(leadId)) == 1);
        return leadId;
    }

    /** Sends one of capture's events ({@code lead.erased}, …) as given, without waiting. */
    public void captureEvent(String type, String leadId, String json) {
        captureEvents.send(TestEvents.event("leadstream." + type + ".v1", leadId, json));
    }

    /** scoring's lead.scored for the lead (not qualified); returns once distribution has applied it. */
    public void scored(String leadId, int score, String grade) {
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", leadId, """
                {"leadId":"%s","score":%d,"grade":"%s","qualified":false,"scoredAt":"2026-11-22T10:00:01Z"}"""
                .formatted(leadId, score, grade)));
        await().atMost(WAIT).until(() -> count("select count(*) from lead_facts where lead_id = $1 and scored "
                + "and score = " + score, UUID.fromString(leadId)) == 1);
    }

    /** Sends one of capture's events as given, without waiting. */
    public void sendCapture(String ceType, String leadId, String json) {
        captureEvents.send(TestEvents.event(ceType, leadId, json));
    }

    /** Sends scoring's lead.scored as given, without waiting. */
    public void sendScored(String leadId, String json) {
        scoringEvents.send(TestEvents.event("leadstream.lead.scored.v1", leadId, json));
    }

    /** Waits until GET /api/assignments/{leadId} (as the test's user) names a rep, and returns it. */
    public String awaitRepOf(String leadId) {
        return await().atMost(WAIT).until(() -> {
            var response = given().get("/api/assignments/" + leadId);
            return response.statusCode() == 200 ? response.jsonPath().getString("repId") : null;
        }, repId -> repId != null);
    }

    /** Registers the reps (or activates them), with nothing else set. */
    public void activeReps(String... repIds) {
        for (String repId : repIds) {
            pool.preparedQuery("insert into rep (rep_id, display_name, active, created_at, updated_at) "
                    + "values ($1, $2, true, now(), now()) on conflict (rep_id) do update set active = true")
                    .execute(Tuple.of(repId, "Rep " + repId)).await().atMost(WAIT);
        }
    }

    /**
     * Puts {@code book} ({@code {"rules": [...], "fallback": {...}}}) in force as the next rule-book version, as an
     * admin would (unvalidated: the test's own identity may be anyone); {@code delete from assignment_rules} restores
     * the built-in rules.
     */
    public void rules(String book) {
        sql("insert into assignment_rules (version, rules, created_by, created_at) values ("
                + "(select coalesce(max(version), 1) + 1 from assignment_rules), '" + book + "'::jsonb, 'test', now())");
    }

    public long count(String sql, Object param) {
        return pool.preparedQuery(sql).execute(Tuple.of(param)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    public void sql(String statement) {
        pool.query(statement).execute().await().atMost(WAIT);
    }

    /** What distribution published about the lead, of one type ({@code leadstream.lead.assigned.v1}). */
    public List<? extends Message<String>> eventsFor(String leadId, String type) {
        return outbox.received().stream()
                .filter(m -> leadId.equals(TestEvents.cloudEvent(m).getSubject().orElse(null)))
                .filter(m -> type.equals(TestEvents.cloudEvent(m).getType()))
                .toList();
    }
}
