package io.leadstream.nurture;

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
 * What nurture's service tests do again and again: a lead distribution assigned (nurture opens it at OPEN and
 * publishes its first lead.stage-changed), counts by lead, and what nurture published about a lead.
 */
public final class NurtureLeads {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool pool;
    private final InMemorySource<Message<String>> distributionEvents;
    private final InMemorySink<String> outbox;

    public NurtureLeads(InMemoryConnector connector, Pool pool) {
        this.pool = pool;
        this.distributionEvents = connector.<Message<String>>source("distribution-events").runOnVertxContext(true);
        this.outbox = connector.sink("outbox");
    }

    /** A new lead distribution assigned to {@code repId}; returns once nurture has opened it and announced it. */
    public String openedFor(String repId) {
        return openedFor(UUID.randomUUID().toString(), repId);
    }

    /** The lead {@code leadId} (one a fake capture knows, say) assigned to {@code repId}; returns once nurture opened it. */
    public String openedFor(String leadId, String repId) {
        distributionEvents.send(TestEvents.event("leadstream.lead.assigned.v1", leadId, """
                {"leadId":"%s","repId":"%s","strategy":"ROUND_ROBIN","reason":"rule 'web leads'","score":70,
                 "grade":"B","assignedAt":"2026-11-22T10:00:05Z"}""".formatted(leadId, repId)));
        await().atMost(WAIT).until(() -> !eventsFor(leadId).isEmpty());
        return leadId;
    }

    /** {@code sql}'s single count, with the lead id as {@code $1}. */
    public long count(String sql, String leadId) {
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(leadId)))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    /** Everything nurture published about the lead so far, in order. */
    public List<? extends Message<String>> eventsFor(String leadId) {
        return outbox.received().stream()
                .filter(m -> leadId.equals(TestEvents.cloudEvent(m).getSubject().orElse(null)))
                .toList();
    }
}
