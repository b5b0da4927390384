package io.leadstream.chassis.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.events.EventType;
import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
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
class EventDispatcherTest {

    static final String HAPPENED = "leadstream.thing.happened.v1";

    @Inject
    EventDispatcher dispatcher;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;
    @Inject
    io.vertx.core.Vertx vertx;

    @EventType("thing.happened")
    record Note(String note) {
    }

    @EventType("thing.counted")
    record Count(int n) {
    }

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
        double deadLettered = deadLettered();

        Outcome outcome = deliver(event(eventId, "{\"note\":\"boom\"}"), note -> {
            attempts[0]++;
            return recordEffect(note).chain(() -> Uni.createFrom().failure(new IllegalStateException("effect failed")));
        });

        assertThat(outcome.nacked).hasMessageContaining("effect failed");
        assertThat(outcome.acked).isFalse();
        assertThat(attempts[0]).isEqualTo(4); // first try + 3 retries
        assertThat(effects(eventId)).isZero();
        assertThat(count("select count(*) from processed_event where event_id = '" + eventId + "'")).isZero();
        assertThat(deadLettered()).isEqualTo(deadLettered + 1);

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
    void shouldNackDataThatDoesNotFitTheRecordAtOnce() throws Throwable {
        int[] calls = { 0 };
        Outcome outcome = deliver(event(UUID.randomUUID().toString(), "{\"note\":{\"nested\":true}}"), e -> {
            calls[0]++;
            return Uni.createFrom().voidItem();
        });
        assertThat(outcome.nacked).isInstanceOf(MalformedEventException.class).hasMessageContaining("does not fit Note");
        assertThat(calls[0]).isZero();
    }

    @Test
    void shouldNackAnEventWithoutDataAtOnce() throws Throwable {
        int[] calls = { 0 };
        Outcome outcome = deliver(event(UUID.randomUUID().toString(), "null"), e -> {
            calls[0]++;
            return Uni.createFrom().voidItem();
        });
        assertThat(outcome.nacked).isInstanceOf(MalformedEventException.class).hasMessageContaining("carries no data");
        assertThat(calls[0]).isZero();
    }

    @Test
    void shouldReadAttributesAndDataForTheHandler() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        AtomicReference<InboundEvent> seen = new AtomicReference<>();
        AtomicReference<Note> data = new AtomicReference<>();
        EventHandlers handlers = EventHandlers.consumer("test-consumer").on(Note.class, (note, envelope) -> {
            data.set(note);
            seen.set(envelope);
            return Uni.createFrom().voidItem();
        }).build();
        deliver(event(eventId, "{\"note\":\"x\",\"unknown\":1}"), handlers);
        InboundEvent e = seen.get();
        assertThat(e.id()).isEqualTo(eventId);
        assertThat(e.name()).isEqualTo("thing.happened");
        assertThat(e.subject()).isEqualTo("lead-42");
        assertThat(data.get()).isEqualTo(new Note("x"));
    }

    @Test
    void shouldRouteEachTypeToItsHandlerAndAckIgnoredAndUnknownTypesWithoutApplyingThem() throws Throwable {
        AtomicInteger notes = new AtomicInteger();
        AtomicInteger counts = new AtomicInteger();
        EventHandlers handlers = EventHandlers.consumer("test-router")
                .on(Note.class, note -> Uni.createFrom().voidItem().invoke(notes::incrementAndGet))
                .on(Count.class, count -> Uni.createFrom().voidItem().invoke(() -> counts.addAndGet(count.n())))
                .ignore("thing.forgotten", "the tests do not care")
                .build();

        assertThat(deliver(event(UUID.randomUUID().toString(), HAPPENED, "{\"note\":\"a\"}"), handlers).acked).isTrue();
        assertThat(deliver(event(UUID.randomUUID().toString(), "leadstream.thing.counted.v1", "{\"n\":5}"), handlers).acked)
                .isTrue();
        String ignoredId = UUID.randomUUID().toString();
        String unknownId = UUID.randomUUID().toString();
        assertThat(deliver(event(ignoredId, "leadstream.thing.forgotten.v1", "{}"), handlers).acked).isTrue();
        assertThat(deliver(event(unknownId, "leadstream.thing.happened.v2", "{}"), handlers).acked).isTrue();

        assertThat(notes.get()).isEqualTo(1);
        assertThat(counts.get()).isEqualTo(5);
        assertThat(count("select count(*) from processed_event where event_id in ('" + ignoredId + "', '" + unknownId
                + "')")).isZero();
        assertThat(handlers.handled()).containsOnlyKeys(HAPPENED, "leadstream.thing.counted.v1");
        assertThat(handlers.ignored()).containsOnlyKeys("leadstream.thing.forgotten.v1");
    }

    @Test
    void shouldHandEveryEventToTheTapOnceInTheHandlersTransaction() throws Throwable {
        java.util.List<String> tapped = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger notes = new AtomicInteger();
        int[] failures = { 1 };
        EventHandlers handlers = EventHandlers.consumer("test-tap")
                .on(Note.class, note -> Uni.createFrom().voidItem().invoke(notes::incrementAndGet))
                .ignore("thing.forgotten", "the tests do not care")
                .tap((event, envelope) -> {
                    if (event.type().equals("leadstream.thing.happened.v2") && failures[0]-- > 0) {
                        // the tap's failure rolls the handler's transaction back and is retried like the handler's
                        return Uni.createFrom().failure(new IllegalStateException("tap failed once"));
                    }
                    tapped.add(event.name() + ":" + event.data());
                    return Uni.createFrom().voidItem();
                })
                .build();
        String handledId = UUID.randomUUID().toString();
        String ignoredId = UUID.randomUUID().toString();
        String unknownId = UUID.randomUUID().toString();

        assertThat(deliver(event(handledId, HAPPENED, "{\"note\":\"a\"}"), handlers).acked).isTrue();
        assertThat(deliver(event(handledId, HAPPENED, "{\"note\":\"a\"}"), handlers).acked).isTrue();
        assertThat(deliver(event(ignoredId, "leadstream.thing.forgotten.v1", "{\"x\":1}"), handlers).acked).isTrue();
        assertThat(deliver(event(unknownId, "leadstream.thing.happened.v2", "{\"y\":2}"), handlers).acked).isTrue();

        assertThat(notes.get()).isEqualTo(1);
        assertThat(tapped).containsExactly("thing.happened:{\"note\":\"a\"}", "thing.forgotten:{\"x\":1}",
                "thing.happened:{\"y\":2}");
        assertThat(count("select count(*) from processed_event where consumer = 'test-tap' and event_id in ('"
                + handledId + "', '" + ignoredId + "', '" + unknownId + "')")).isEqualTo(3);
        assertThatThrownBy(() -> EventHandlers.consumer("two-taps").tap((e, x) -> Uni.createFrom().voidItem())
                .tap((e, x) -> Uni.createFrom().voidItem())).hasMessageContaining("one tap");
    }

    @Test
    void shouldApplyAPollsBatchInOneTransactionAndAcknowledgeEveryMessage() throws Throwable {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String ignored = UUID.randomUUID().toString();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventHandlers handlers = EventHandlers.consumer("test-batch").on(Note.class, (note, envelope) -> {
            seen.add(note.note());
            currentEventId.set(envelope.id());
            return recordEffect(note);
        }).ignore("thing.forgotten", "the tests do not care").build();

        List<Outcome> outcomes = deliverAll(List.of(event(first, "{\"note\":\"one\"}"),
                event(ignored, "leadstream.thing.forgotten.v1", "{}"), event(second, "{\"note\":\"two\"}"),
                event(first, "{\"note\":\"one\"}")), handlers);

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.acked).isTrue();
            assertThat(o.nacked).isNull();
        });
        assertThat(seen).containsExactly("one", "two"); // the redelivered first event is skipped, in order
        assertThat(effects(first)).isEqualTo(1);
        assertThat(effects(second)).isEqualTo(1);
        // one transaction wrote both marks and both effects: they carry the same transaction id
        assertThat(count("select count(distinct xmin::text) from processed_event where consumer = 'test-batch' and "
                + "event_id in ('" + first + "', '" + second + "')")).isEqualTo(1);
        assertThat(count("select count(distinct xmin::text) from test_effect where event_id in ('" + first + "', '"
                + second + "')")).isEqualTo(1);
    }

    @Test
    void shouldApplyTheRestOfABatchOneAtATimeWhenOneOfItsEventsFails() throws Throwable {
        String before = UUID.randomUUID().toString();
        String failing = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        double deadLettered = deadLettered();
        EventHandlers handlers = EventHandlers.consumer("test-batch-fallback").on(Note.class, (note, envelope) -> {
            currentEventId.set(envelope.id());
            return recordEffect(note).chain(() -> note.note().equals("bad")
                    ? failElsewhere(new IllegalStateException("this event always fails"))
                    : Uni.createFrom().voidItem());
        }).build();

        List<Outcome> outcomes = deliverAll(List.of(event(before, "{\"note\":\"good\"}"),
                event(failing, "{\"note\":\"bad\"}"), Message.of("{}"), event(after, "{\"note\":\"good\"}")),
                handlers);

        assertThat(outcomes.get(0).acked).isTrue();
        assertThat(outcomes.get(1).nacked).hasMessageContaining("this event always fails");
        assertThat(outcomes.get(2).nacked).isInstanceOf(MalformedEventException.class);
        assertThat(outcomes.get(3).acked).isTrue();
        assertThat(effects(before)).isEqualTo(1);
        assertThat(effects(failing)).isZero();
        assertThat(effects(after)).isEqualTo(1);
        assertThat(deadLettered()).isEqualTo(deadLettered + 2);
    }

    @Test
    void shouldNackWhatCannotBeReadAndApplyTheRestOfTheBatchTogether() throws Throwable {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        List<Outcome> outcomes = deliverAll(List.of(event(first, "{\"note\":\"a\"}"),
                event(UUID.randomUUID().toString(), "{\"note\":{\"nested\":true}}"),
                event(second, "{\"note\":\"b\"}")), this::recordEffect);

        assertThat(outcomes.get(0).acked).isTrue();
        assertThat(outcomes.get(1).nacked).isInstanceOf(MalformedEventException.class).hasMessageContaining("does not fit");
        assertThat(outcomes.get(2).acked).isTrue();
        assertThat(count("select count(distinct xmin::text) from test_effect where event_id in ('" + first + "', '"
                + second + "')")).isEqualTo(1);
    }

    @Test
    void shouldRefuseATableThatNamesATypeTwiceOrIgnoresWithoutAReason() {
        assertThatThrownBy(() -> EventHandlers.consumer("twice").on(Note.class, note -> Uni.createFrom().voidItem())
                .ignore("thing.happened", "also ignored")).hasMessageContaining("twice");
        assertThatThrownBy(() -> EventHandlers.consumer("mute").ignore("thing.happened", " "))
                .hasMessageContaining("say why");
        assertThatThrownBy(() -> EventHandlers.consumer("untyped").on(String.class, s -> Uni.createFrom().voidItem()))
                .hasMessageContaining("no @EventType");
    }

    @Test
    void shouldRetryATransientFailureBeyondThePermanentRetriesAndApplyTheEventOnceItPasses() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        int[] attempts = { 0 };

        Outcome outcome = deliver(event(eventId, "{\"note\":\"later\"}"), note -> {
            attempts[0]++;
            return recordEffect(note).chain(() -> attempts[0] <= 6
                    ? Uni.createFrom().failure(new TransientEventFailure("the rate service is unavailable"))
                    : Uni.createFrom().voidItem());
        });

        assertThat(outcome.nacked).isNull();
        assertThat(outcome.acked).isTrue();
        assertThat(attempts[0]).isEqualTo(7); // 6 transient failures: more than the 3 retries of a permanent one
        assertThat(effects(eventId)).isEqualTo(1);
    }

    @Test
    void shouldHoldAnEventWhileTheDatabaseIsDownAndApplyItWhenItIsBack() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        double deadLettered = deadLettered();
        PostgresResource.stopServer();
        CompletableFuture<Outcome> delivery;
        try {
            delivery = CompletableFuture.supplyAsync(() -> {
                try {
                    return deliver(event(eventId, "{\"note\":\"while down\"}"), this::recordEffect);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            // far longer than the retries of a permanent failure (100 + 200 + 400 ms): still held, neither acked nor nacked
            Thread.sleep(5_000);
            assertThat(delivery).isNotDone();
        } finally {
            PostgresResource.startServer();
        }

        Outcome outcome = delivery.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome.nacked).isNull();
        assertThat(outcome.acked).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(effects(eventId)).isEqualTo(1));
        assertThat(deadLettered()).isEqualTo(deadLettered);
    }

    @Test
    void shouldClassifyWhatWillPassAndWhatWillNot() {
        assertThat(Failures.classify(new RuntimeException("wrapped", new java.net.ConnectException("Connection refused"))))
                .isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new io.vertx.pgclient.PgException("could not serialize access", "ERROR", "40001", null)))
                .isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new io.vertx.pgclient.PgException("the database system is starting up", "FATAL",
                "57P03", null))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new java.util.concurrent.CompletionException(
                new java.util.concurrent.TimeoutException("no connection in time")))).isEqualTo(Failures.Kind.TRANSIENT);
        assertThat(Failures.classify(new io.vertx.pgclient.PgException("duplicate key", "ERROR", "23505", null)))
                .isEqualTo(Failures.Kind.PERMANENT);
        assertThat(Failures.classify(new IllegalStateException("a bug"))).isEqualTo(Failures.Kind.PERMANENT);
        assertThat(Failures.classify(new RuntimeException(new MalformedEventException("no ce_id"))))
                .isEqualTo(Failures.Kind.MALFORMED);
        assertThat(Failures.classify(new RuntimeException(new HeldEventException("behind #2"))))
                .isEqualTo(Failures.Kind.HELD);
    }

    @Test
    void shouldSkipANumberedEventThatComesBehindWhatItsLeadHasApplied() throws Throwable {
        String lead = "lead-" + UUID.randomUUID();
        Message<String> two = numbered(lead, 2, "{\"note\":\"two\"}");

        assertThat(deliver(numbered(lead, 1, "{\"note\":\"one\"}"), this::recordEffect).acked).isTrue();
        assertThat(deliver(two, this::recordEffect).acked).isTrue();
        // a copy of #1 under another id: behind the lead's last applied event, skipped
        assertThat(deliver(numbered(lead, 1, "{\"note\":\"one again\"}"), this::recordEffect).acked).isTrue();
        // #2 read again once its processed_event row is gone (purged): skipped all the same
        pool.query("delete from processed_event where event_id = '" + idOf(two) + "'").execute()
                .await().atMost(Duration.ofSeconds(10));
        assertThat(deliver(numbered(idOf(two), lead, 2, "{\"note\":\"two again\"}"), this::recordEffect).acked)
                .isTrue();
        assertThat(deliver(numbered(lead, 3, "{\"note\":\"three\"}"), this::recordEffect).acked).isTrue();

        assertThat(appliedFor(lead)).containsExactly("one", "two", "three");
        assertThat(count("select last_sequence from inbox_lead where consumer = 'test-consumer' and aggregate_id = '"
                + lead + "'")).isEqualTo(3);
    }

    @Test
    void shouldHoldALeadsLaterEventsBehindADeadLetterUntilAReplayAppliesThemInOrder() throws Throwable {
        String lead = "lead-" + UUID.randomUUID();
        String other = "lead-" + UUID.randomUUID();
        AtomicReference<Boolean> broken = new AtomicReference<>(true);
        Function<Note, Uni<Void>> handler = note -> broken.get() && note.note().equals("two")
                ? Uni.createFrom().failure(new IllegalStateException("cannot apply two"))
                : recordEffect(note);
        Message<String> one = numbered(lead, 1, "{\"note\":\"one\"}");
        Message<String> two = numbered(lead, 2, "{\"note\":\"two\"}");
        Message<String> three = numbered(lead, 3, "{\"note\":\"three\"}");
        Message<String> elsewhere = numbered(other, 1, "{\"note\":\"other lead\"}");

        // #2 fails for good and is dead-lettered; #3 of the same lead is dead-lettered after it, held; another lead flows
        List<Outcome> first = deliverAll(List.of(one, two, three, elsewhere), handler);
        assertThat(first.get(0).acked).isTrue();
        assertThat(first.get(1).nacked).hasMessageContaining("cannot apply two");
        assertThat(first.get(2).nacked).hasRootCauseInstanceOf(HeldEventException.class)
                .hasMessageContaining("behind its event #2");
        assertThat(first.get(3).acked).isTrue();
        assertThat(appliedFor(lead)).containsExactly("one");
        assertThat(appliedFor(other)).containsExactly("other lead");
        assertThat(count("select held_from from inbox_lead where consumer = 'test-consumer' and aggregate_id = '"
                + lead + "'")).isEqualTo(2);
        InboxMaintenance maintenance = io.quarkus.arc.Arc.container().instance(InboxMaintenance.class).get();
        maintenance.refresh().await().atMost(Duration.ofSeconds(10));
        assertThat(registry.get("leadstream.events.held.leads").gauge().value()).isGreaterThanOrEqualTo(1.0);

        // the cause fixed, the dead-letter topic replayed in its order: #2, then #3
        broken.set(false);
        List<Outcome> replayed = deliverAll(List.of(numbered(idOf(two), lead, 2, "{\"note\":\"two\"}"),
                numbered(idOf(three), lead, 3, "{\"note\":\"three\"}")), handler);
        assertThat(replayed).allSatisfy(o -> assertThat(o.acked).isTrue());
        assertThat(appliedFor(lead)).containsExactly("one", "two", "three");
        assertThat(count("select count(*) from inbox_lead where consumer = 'test-consumer' and aggregate_id = '"
                + lead + "' and held_from is null and last_sequence = 3")).isOne();
    }

    @Test
    void shouldPurgeOnlyOldProcessedRowsOfNumberedEvents() throws Throwable {
        String lead = "lead-" + UUID.randomUUID();
        String numberedId = UUID.randomUUID().toString();
        String plainId = UUID.randomUUID().toString();
        deliver(numbered(numberedId, lead, 1, "{\"note\":\"old\"}"), this::recordEffect);
        deliver(event(plainId, "{\"note\":\"old, unnumbered\"}"), this::recordEffect);
        pool.query("update processed_event set processed_at = now() - interval '15 days' where event_id in ('"
                + numberedId + "', '" + plainId + "')").execute().await().atMost(Duration.ofSeconds(10));
        InboxMaintenance maintenance = io.quarkus.arc.Arc.container().instance(InboxMaintenance.class).get();

        assertThat(maintenance.purge().await().atMost(Duration.ofSeconds(10))).isPositive();

        assertThat(count("select count(*) from processed_event where event_id = '" + numberedId + "'")).isZero();
        assertThat(count("select count(*) from processed_event where event_id = '" + plainId + "'")).isOne();
        // read again without its row: behind its lead, still applied once
        deliver(numbered(numberedId, lead, 1, "{\"note\":\"old\"}"), this::recordEffect);
        assertThat(effects(numberedId)).isOne();
    }

    private static Message<String> numbered(String lead, long sequence, String json) {
        return numbered(UUID.randomUUID().toString(), lead, sequence, json);
    }

    /** The ids of the numbered events made for each lead. */
    private static final java.util.Map<String, List<String>> EVENTS_OF = new java.util.concurrent.ConcurrentHashMap<>();

    private static Message<String> numbered(String id, String lead, long sequence, String json) {
        EVENTS_OF.computeIfAbsent(lead, l -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(id);
        return Message.of(json).addMetadata(OutgoingCloudEventMetadata.builder()
                .withId(id)
                .withType(HAPPENED)
                .withSource(URI.create("/test"))
                .withSubject(lead)
                .withTimestamp(ZonedDateTime.now())
                .withExtension("sequence", String.valueOf(sequence))
                .build());
    }

    /** The notes applied for {@code lead}'s events (test_effect), in the order they were applied. */
    private List<String> appliedFor(String lead) {
        List<String> notes = new java.util.ArrayList<>();
        pool.preparedQuery("select note from test_effect where event_id = any($1) order by id")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(EVENTS_OF.getOrDefault(lead, List.of()).toArray(String[]::new)))
                .await().atMost(Duration.ofSeconds(10)).forEach(row -> notes.add(row.getString(0)));
        return notes;
    }

    private static String idOf(Message<?> message) {
        return message.getMetadata(io.smallrye.reactive.messaging.ce.CloudEventMetadata.class).orElseThrow().getId();
    }

    /** Completes with {@code value} on a Vert.x sub-context of its own (not flagged safe). */
    private CompletableFuture<Void> elsewhere(Void value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> io.smallrye.common.vertx.VertxContext
                .createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> done.complete(value)));
        return done;
    }

    /**
     * Fails on a Vert.x sub-context of its own (not flagged safe), as a failed transaction may report its failure:
     * what follows must not run there (Hibernate Reactive Panache refuses such a context).
     */
    private Uni<Void> failElsewhere(Throwable failure) {
        return Uni.createFrom().emitter(emitter -> CompletableFuture.runAsync(
                () -> io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext())
                        .runOnContext(ignored -> emitter.fail(failure))));
    }

    private Uni<Void> recordEffect(Note note) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("insert into test_effect (event_id, note) values (:id, :note)")
                .setParameter("id", currentEventId.get())
                .setParameter("note", note.note())
                .executeUpdate()).replaceWithVoid();
    }

    /** The id of the event being delivered by {@link #deliver(Message, Function)} (the handler reads only data). */
    private final AtomicReference<String> currentEventId = new AtomicReference<>();

    static final class Outcome {
        volatile boolean acked;
        volatile Throwable nacked;
    }

    private Outcome deliver(Message<String> message, Function<Note, Uni<Void>> handler) throws Throwable {
        return deliver(message, EventHandlers.consumer("test-consumer").on(Note.class, (note, envelope) -> {
            currentEventId.set(envelope.id());
            return handler.apply(note);
        }).build());
    }

    private Outcome deliver(Message<String> message, EventHandlers handlers) throws Throwable {
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
        VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatch(tracked, handlers));
        return outcome;
    }

    private List<Outcome> deliverAll(List<Message<String>> messages, Function<Note, Uni<Void>> handler) throws Throwable {
        return deliverAll(messages, EventHandlers.consumer("test-consumer").on(Note.class, (note, envelope) -> {
            currentEventId.set(envelope.id());
            return handler.apply(note);
        }).build());
    }

    private List<Outcome> deliverAll(List<Message<String>> messages, EventHandlers handlers) throws Throwable {
        List<Outcome> outcomes = new java.util.ArrayList<>();
        List<Message<String>> tracked = new java.util.ArrayList<>();
        for (Message<String> message : messages) {
            Outcome outcome = new Outcome();
            outcomes.add(outcome);
            tracked.add(message.withAck(() -> {
                outcome.acked = true;
                // as the Kafka connector's: the acknowledgement completes later, on another context
                return elsewhere(null);
            }).withNack(reason -> {
                outcome.nacked = reason;
                return CompletableFuture.completedFuture(null);
            }));
        }
        VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchAll(tracked, handlers));
        return outcomes;
    }

    private static Message<String> event(String id, String json) {
        return event(id, HAPPENED, json);
    }

    private static Message<String> event(String id, String type, String json) {
        return Message.of(json).addMetadata(OutgoingCloudEventMetadata.builder()
                .withId(id)
                .withType(type)
                .withSource(URI.create("/test"))
                .withSubject("lead-42")
                .withTimestamp(ZonedDateTime.now())
                .build());
    }

    private double deadLettered() {
        return registry.find("leadstream.events.dead.lettered").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private long effects(String eventId) {
        return count("select count(*) from test_effect where event_id = '" + eventId + "'");
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
