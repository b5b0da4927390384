package io.leadstream.chassis.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class EventInboxTest {

    @Inject
    EventInbox inbox;
    @Inject
    Pool pool;

    @Test
    void shouldApplyADuplicateDeliveryOnlyOnce() throws Throwable {
        String eventId = UUID.randomUUID().toString();

        Outcome first = deliver(event(eventId, "{\"note\":\"hello\"}"), this::recordEffect);
        Outcome second = deliver(event(eventId, "{\"note\":\"hello\"}"), this::recordEffect);

        assertThat(first.acked).isTrue();
        assertThat(second.acked).isTrue();
        assertThat(effects(eventId)).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + eventId + "'")).isEqualTo(1);
    }

    @Test
    void shouldRollBackTheProcessedMarkWhenTheEffectFailsAndNackAfterRetries() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        int[] attempts = { 0 };

        Outcome outcome = deliver(event(eventId, "{\"note\":\"boom\"}"), e -> {
            attempts[0]++;
            return recordEffect(e).chain(() -> Uni.createFrom().failure(new IllegalStateException("effect failed")));
        });

        assertThat(outcome.nacked).hasMessageContaining("effect failed");
        assertThat(attempts[0]).isEqualTo(4); // first try + 3 retries
        assertThat(effects(eventId)).isZero();
        assertThat(count("select count(*) from processed_event where event_id = '" + eventId + "'")).isZero();

        // the same event delivered again later (e.g. replayed from the dead-letter topic) is applied
        assertThat(deliver(event(eventId, "{\"note\":\"again\"}"), this::recordEffect).acked).isTrue();
        assertThat(effects(eventId)).isEqualTo(1);
    }

    @Test
    void shouldNackAnEventWithoutCloudEventsIdAtOnce() throws Throwable {
        int[] calls = { 0 };
        Outcome outcome = deliver(Message.of("{}"), e -> {
            calls[0]++;
            return Uni.createFrom().voidItem();
        });
        assertThat(outcome.nacked).isInstanceOf(MalformedEventException.class).hasMessageContaining("ce_id");
        assertThat(calls[0]).isZero();
    }

    @Test
    void shouldReadAttributesAndDataForTheHandler() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        AtomicReference<InboundEvent> seen = new AtomicReference<>();
        deliver(event(eventId, "{\"note\":\"x\",\"unknown\":1}"), e -> {
            seen.set(e);
            return Uni.createFrom().voidItem();
        });
        InboundEvent e = seen.get();
        assertThat(e.id()).isEqualTo(eventId);
        assertThat(e.name()).isEqualTo("thing.happened");
        assertThat(e.subject()).isEqualTo("lead-42");
        assertThat(e.dataAs(Note.class)).isEqualTo(new Note("x"));
    }

    record Note(String note) {
    }

    private Uni<Void> recordEffect(InboundEvent e) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("insert into test_effect (event_id, note) values (:id, :note)")
                .setParameter("id", e.id())
                .setParameter("note", e.data().path("note").asText())
                .executeUpdate()).replaceWithVoid();
    }

    static final class Outcome {
        boolean acked;
        Throwable nacked;
    }

    private Outcome deliver(Message<String> message, java.util.function.Function<InboundEvent, Uni<Void>> handler)
            throws Throwable {
        Outcome outcome = new Outcome();
        Message<String> tracked = message
                .withAck(() -> {
                    outcome.acked = true;
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    outcome.nacked = reason;
                    return CompletableFuture.completedFuture(null);
                });
        VertxContextSupport.subscribeAndAwait(() -> inbox.process(tracked, "test-consumer", handler));
        return outcome;
    }

    private static Message<String> event(String id, String json) {
        return Message.of(json).addMetadata(OutgoingCloudEventMetadata.builder()
                .withId(id)
                .withType("leadstream.thing.happened.v1")
                .withSource(URI.create("/test"))
                .withSubject("lead-42")
                .withTimestamp(ZonedDateTime.now())
                .build());
    }

    private long effects(String eventId) {
        return count("select count(*) from test_effect where event_id = '" + eventId + "'");
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
