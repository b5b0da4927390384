package io.leadstream.chassis.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.support.ItemCreated;
import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class OutboxTest {

    private static final String TOPIC = "chassis.test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxSender sender;
    @Inject
    OutboxConfig config;
    @Inject
    Pool pool;
    @Inject
    OutboxMaintenance maintenance;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    KafkaCompanion kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        relay.relayPending().await().atMost(WAIT); // start every test with nothing pending
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldLeaveNoOutboxRowWhenTheTransactionRollsBack() {
        long before = count("select count(*) from outbox_event");

        given().contentType("application/json").body("{\"name\":\"rolled back\"}")
                .post("/test/items?fail=true")
                .then().statusCode(409);

        assertThat(count("select count(*) from outbox_event")).isEqualTo(before);
        assertThat(count("select count(*) from test_item where name = 'rolled back'")).isZero();
    }

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldPublishTheCommittedRowWithKeyAndCloudEventsHeaders() {
        String eventId = given().contentType("application/json").body("{\"name\":\"kept\"}")
                .post("/test/items")
                .then().statusCode(200).extract().path("eventId");
        String itemId = query("select aggregate_id from outbox_event where id = '" + eventId + "'").get(0).getString(0);

        assertThat(relay.relayPending().await().atMost(WAIT)).isEqualTo(1);

        ConsumerRecord<String, String> record = recordsFor(Set.of(itemId), 1).get(0);
        assertThat(record.key()).isEqualTo(itemId);
        assertThat(header(record, "ce_id")).isEqualTo(eventId);
        assertThat(header(record, "ce_type")).isEqualTo("leadstream.item.created.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/chassis-test");
        assertThat(header(record, "ce_subject")).isEqualTo(itemId);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new io.vertx.core.json.JsonObject(record.value()))
                .isEqualTo(new io.vertx.core.json.JsonObject().put("itemId", itemId));
        assertThat(query("select published_at from outbox_event where id = '" + eventId + "'").get(0).getValue(0))
                .isNotNull();
    }

    /** Counter leadstream.events.published{type} in {@code meters}, 0 before the first event of that type. */
    private static double publishedCount(io.micrometer.core.instrument.MeterRegistry meters, String type) {
        var counter = meters.find("leadstream.events.published").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldPublishEachRowExactlyOnceWhenTwoRelaysRunAtOnce() {
        int rows = 300;
        Set<String> aggregates = insertEvents(rows);
        var secondMeters = new SimpleMeterRegistry();
        OutboxRelay second = new OutboxRelay(pool, sender, config, secondMeters);
        double countedBefore = publishedCount(registry, "leadstream.item.created.v1");

        AtomicInteger published = new AtomicInteger();
        for (int round = 0; round < 50 && published.get() < rows; round++) {
            var both = Uni.combine().all().unis(relay.relayPending(), second.relayPending()).asTuple()
                    .await().atMost(WAIT);
            published.addAndGet(both.getItem1() + both.getItem2());
        }

        assertThat(published.get()).isEqualTo(rows);
        assertThat(count("select count(*) from outbox_event where published_at is null")).isZero();
        List<ConsumerRecord<String, String>> records = recordsFor(aggregates, rows);
        Map<String, Long> perId = records.stream()
                .collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
        assertThat(perId).hasSize(rows);
        assertThat(perId.values()).allMatch(n -> n == 1);
        assertThat(publishedCount(registry, "leadstream.item.created.v1") - countedBefore
                + publishedCount(secondMeters, "leadstream.item.created.v1"))
                .as("leadstream.events.published: each relay counts what it published, once").isEqualTo(rows);
    }

    /**
     * Per-lead order: a second transaction recording an event for a lead while a first one that recorded for it is
     * still open waits for the first to commit; the lead's events are then numbered, positioned and published in
     * commit order (without the wait, the second would commit first and be published first).
     */
    @Test
    void shouldNumberALeadsEventsAndPublishThemInTheOrderTheirTransactionsCommitted() {
        String lead = "lead-seq-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<String> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> firstRecorded = new java.util.concurrent.CompletableFuture<>();

        Uni<Void> slow = pool.withTransaction(conn -> insert(conn, first, lead)
                .invoke(() -> firstRecorded.complete(null))
                .onItem().delayIt().by(Duration.ofMillis(1500)))
                .invoke(() -> commits.add("first"));
        Uni<Void> quick = Uni.createFrom().completionStage(firstRecorded)
                .chain(() -> pool.withTransaction(conn -> insert(conn, second, lead)))
                .invoke(() -> commits.add("second"));
        Uni.combine().all().unis(slow, quick).discardItems().await().atMost(WAIT);

        assertThat(commits).containsExactly("first", "second");
        List<Row> rows = query("select id, sequence from outbox_event where aggregate_id = '" + lead + "' order by position");
        assertThat(rows).extracting(r -> r.getUUID("id")).containsExactly(first, second);
        assertThat(rows).extracting(r -> r.getLong("sequence")).containsExactly(1L, 2L);

        assertThat(relay.relayPending().await().atMost(WAIT)).isEqualTo(2);
        List<ConsumerRecord<String, String>> records = recordsFor(Set.of(lead), 2).stream()
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).toList();
        assertThat(records).extracting(r -> header(r, "ce_id")).containsExactly(first.toString(), second.toString());
        assertThat(records).extracting(r -> header(r, "ce_sequence")).containsExactly("1", "2");
    }

    /** Outbox.record's statement, on a connection of the test's own. */
    private static Uni<Void> insert(io.vertx.mutiny.sqlclient.SqlConnection conn, UUID id, String lead) {
        return conn.preparedQuery(Outbox.INSERT).execute(io.vertx.mutiny.sqlclient.Tuple.of(id, lead,
                "leadstream.item.created.v1", "{\"itemId\":\"" + lead + "\"}",
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), null)).replaceWithVoid(); // no trace
    }

    @Test
    void shouldGiveTheTurnToOneRelayAtATime() {
        Set<String> aggregates = insertEvents(3);
        // another replica's relay holds the turn: this one claims nothing and publishes nothing meanwhile
        int whileHeld = pool.withTransaction(conn -> conn.query(OutboxRelay.TURN).execute()
                .invoke(turn -> assertThat(turn.iterator().next().getBoolean("mine")).isTrue())
                .chain(() -> relay.relayBatch())).await().atMost(WAIT);

        assertThat(whileHeld).isZero();
        assertThat(relay.relayPending().await().atMost(WAIT)).isEqualTo(3);
        assertThat(recordsFor(aggregates, 3)).hasSize(3);
    }

    @Test
    void shouldPublishABatchLargerThanTheEmittersBufferInOnePass() {
        // the emitter buffers 128 sends and the production batch is 200: the Kafka sink must keep up (an in-memory
        // test sink does not, which is why services' tests may see "Insufficient downstream requests")
        int rows = 300;
        Set<String> aggregates = insertEvents(rows);
        OutboxRelay large = new OutboxRelay(pool, sender, with(config, rows, config.maxAttempts()),
                new SimpleMeterRegistry());

        assertThat(large.relayPending().await().atMost(WAIT)).isEqualTo(rows);

        assertThat(count("select count(*) from outbox_event where published_at is null")).isZero();
        assertThat(recordsFor(aggregates, rows)).hasSize(rows);
    }

    private static OutboxConfig with(OutboxConfig config, int batchSize, int maxAttempts) {
        return new OutboxConfig() {
            @Override
            public boolean enabled() {
                return config.enabled();
            }

            @Override
            public String source() {
                return config.source();
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public Duration sendTimeout() {
                return config.sendTimeout();
            }

            @Override
            public Duration pollInterval() {
                return config.pollInterval();
            }

            @Override
            public boolean listen() {
                return config.listen();
            }

            @Override
            public boolean relayEnabled() {
                return config.relayEnabled();
            }

            @Override
            public int maxAttempts() {
                return maxAttempts;
            }

            @Override
            public Duration publishedRetention() {
                return config.publishedRetention();
            }

            @Override
            public Duration maintenanceInterval() {
                return config.maintenanceInterval();
            }
        };
    }

    @Test
    void shouldKeepEveryRowPendingWhileTheBrokerIsAway() {
        Set<String> aggregates = insertEvents(3);
        OutboxSender away = event -> Uni.createFrom().failure(
                new org.apache.kafka.common.errors.TimeoutException("broker unavailable"));
        OutboxRelay failing = new OutboxRelay(pool, away, config, new SimpleMeterRegistry());

        assertThatThrownBy(() -> failing.relayPending().await().atMost(WAIT)).hasMessageContaining("broker unavailable");

        List<Row> pending = query("select attempts, last_error, parked_at from outbox_event where published_at is null");
        assertThat(pending).hasSize(3);
        assertThat(pending).allSatisfy(row -> {
            assertThat(row.getInteger("attempts")).isEqualTo(1);
            assertThat(row.getString("last_error")).contains("broker unavailable");
            assertThat(row.getValue("parked_at")).as("a failure that will pass never parks").isNull();
        });

        assertThat(relay.relayPending().await().atMost(WAIT)).isEqualTo(3);
        assertThat(recordsFor(aggregates, 3)).hasSize(3);
    }

    @Test
    void shouldParkARowTheBrokerKeepsRefusingAndLetOtherLeadsFlowWhileItsLeadWaits() {
        String leadA = "lead-a-" + UUID.randomUUID();
        String leadB = "lead-b-" + UUID.randomUUID();
        UUID[] ids = new UUID[3];
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> outbox.record(leadA, new ItemCreated("a1", 1)).invoke(id -> ids[0] = id)
                            .chain(() -> outbox.record(leadA, new ItemCreated("a2", 2))).invoke(id -> ids[1] = id)
                            .chain(() -> outbox.record(leadB, new ItemCreated("b1", 3))).invoke(id -> ids[2] = id)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        List<UUID> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        OutboxSender refusingA1 = event -> {
            if (event.id().equals(ids[0])) {
                return Uni.createFrom().failure(new org.apache.kafka.common.errors.RecordTooLargeException(
                        "the record is too large"));
            }
            sent.add(event.id());
            return Uni.createFrom().voidItem();
        };
        var refusingMeters = new SimpleMeterRegistry();
        OutboxRelay refusing = new OutboxRelay(pool, refusingA1, with(config, config.batchSize(), 2), refusingMeters);
        try {
            // 1st run: the batch fails, its rows go one by one: a1 refused (attempt 1), a2 waits behind it, b1 flows
            assertThat(refusing.relayPending().await().atMost(WAIT)).isEqualTo(1);
            assertThat(published(ids)).containsExactly(false, false, true);
            assertThat(sent).as("sent one by one after the batch: b1, not a2").endsWith(ids[2]);
            assertThat(publishedCount(refusingMeters, "leadstream.item.created.v1")).as("b1 counted, a1 and a2 not")
                    .isEqualTo(1.0);
            // 2nd run: a1 refused again, its last allowed attempt: parked; a2 still waits
            assertThat(refusing.relayPending().await().atMost(WAIT)).isZero();
            Row a1 = query("select attempts, last_error, parked_at from outbox_event where id = '" + ids[0] + "'").get(0);
            assertThat(a1.getInteger("attempts")).isEqualTo(2);
            assertThat(a1.getString("last_error")).contains("RecordTooLargeException", "the record is too large");
            assertThat(a1.getValue("parked_at")).isNotNull();
            // parked: claimed no more, and its lead's later row is held back with it
            assertThat(refusing.relayPending().await().atMost(WAIT)).isZero();
            assertThat(relay.relayPending().await().atMost(WAIT)).isZero();
            assertThat(count("select count(*) from outbox_event where id = '" + ids[1] + "' and published_at is null "
                    + "and parked_at is null")).isOne();

            maintenance.refresh().await().atMost(WAIT);
            assertThat(registry.get("leadstream.outbox.parked").gauge().value()).isEqualTo(1.0);
            assertThat(registry.get("leadstream.outbox.pending").gauge().value()).isEqualTo(1.0); // a2
            assertThat(registry.get("leadstream.outbox.oldest.age").gauge().value()).isGreaterThanOrEqualTo(0.0);

            // the operator fixes the cause and un-parks it: the lead's events leave in order
            pool.query("update outbox_event set parked_at = null where id = '" + ids[0] + "'").execute()
                    .await().atMost(WAIT);
            sent.clear();
            OutboxRelay fixed = new OutboxRelay(pool, event -> {
                sent.add(event.id());
                return Uni.createFrom().voidItem();
            }, config, refusingMeters);
            assertThat(fixed.relayPending().await().atMost(WAIT)).isEqualTo(2);
            assertThat(sent).containsExactly(ids[0], ids[1]);
            assertThat(publishedCount(refusingMeters, "leadstream.item.created.v1")).isEqualTo(3.0);
            maintenance.refresh().await().atMost(WAIT);
            assertThat(registry.get("leadstream.outbox.parked").gauge().value()).isZero();
            assertThat(registry.get("leadstream.outbox.pending").gauge().value()).isZero();
        } finally {
            pool.query("delete from outbox_event where aggregate_id in ('" + leadA + "', '" + leadB + "')").execute()
                    .await().atMost(WAIT);
        }
    }

    @Test
    void shouldStopSendingOneByOneAtAFailureThatWillPass() {
        UUID[] ids = new UUID[3];
        String[] leads = { "lead-x-" + UUID.randomUUID(), "lead-y-" + UUID.randomUUID(), "lead-z-" + UUID.randomUUID() };
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> outbox.record(leads[0], new ItemCreated("x", 1)).invoke(id -> ids[0] = id)
                            .chain(() -> outbox.record(leads[1], new ItemCreated("y", 2))).invoke(id -> ids[1] = id)
                            .chain(() -> outbox.record(leads[2], new ItemCreated("z", 3))).invoke(id -> ids[2] = id)));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        OutboxSender sender = event -> event.id().equals(ids[0])
                ? Uni.createFrom().failure(new org.apache.kafka.common.errors.RecordTooLargeException("too large"))
                : event.id().equals(ids[1])
                        ? Uni.createFrom().failure(new org.apache.kafka.common.errors.TimeoutException("broker gone"))
                        : Uni.createFrom().voidItem();
        try {
            // the batch fails on x (refused), so its rows go one by one: x refused, y finds the broker gone: the run
            // stops there, z is left for the next run
            assertThatThrownBy(() -> new OutboxRelay(pool, sender, config, new SimpleMeterRegistry()).relayPending()
                    .await().atMost(WAIT))
                    .hasMessageContaining("broker gone");
            assertThat(published(ids)).containsExactly(false, false, false);
            assertThat(query("select attempts from outbox_event where id in ('" + ids[0] + "', '" + ids[1] + "', '"
                    + ids[2] + "') order by occurred_at, id")).extracting(row -> row.getInteger("attempts"))
                    .containsExactly(1, 1, 0);
        } finally {
            pool.query("delete from outbox_event where aggregate_id in ('" + String.join("', '", leads) + "')")
                    .execute().await().atMost(WAIT);
        }
    }

    private List<Boolean> published(UUID[] ids) {
        List<Boolean> published = new java.util.ArrayList<>();
        for (UUID id : ids) {
            published.add(count("select count(*) from outbox_event where id = '" + id + "' and published_at is not null") == 1);
        }
        return published;
    }

    @Test
    void shouldPurgeRowsPublishedBeforeTheRetention() {
        Set<String> old = insertEvents(3);
        Set<String> recent = insertEvents(2);
        assertThat(relay.relayPending().await().atMost(WAIT)).isEqualTo(5);
        pool.query("update outbox_event set published_at = now() - interval '8 days' where aggregate_id in ("
                + old.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")) + ")").execute()
                .await().atMost(WAIT);
        Set<String> pending = insertEvents(1); // never published: never purged, however old

        assertThat(maintenance.purge().await().atMost(WAIT)).isEqualTo(3L);

        assertThat(count("select count(*) from outbox_event where aggregate_id in ("
                + old.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")) + ")")).isZero();
        assertThat(count("select count(*) from outbox_event where aggregate_id in ("
                + java.util.stream.Stream.concat(recent.stream(), pending.stream()).map(a -> "'" + a + "'")
                        .collect(Collectors.joining(", ")) + ")")).isEqualTo(3);
        relay.relayPending().await().atMost(WAIT);
    }

    @Test
    void shouldRefuseToRecordOutsideATransaction() {
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> outbox.record("lead-1", new ItemCreated("lead-1", null)))))
                .hasMessageContaining("inside the caller's transaction");
    }

    private Set<String> insertEvents(int n) {
        Map<Integer, String> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ids.put(i, UUID.randomUUID().toString());
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Multi.createFrom().range(0, n)
                    .onItem().transformToUniAndConcatenate(i -> outbox.record(ids.get(i), new ItemCreated(null, i)))
                    .collect().asList()));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return Set.copyOf(ids.values());
    }

    private List<ConsumerRecord<String, String>> recordsFor(Set<String> keys, int expected) {
        // read the whole topic for a few seconds so that a duplicate, if any, would be seen too
        var task = kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(TOPIC, Duration.ofSeconds(6));
        task.awaitCompletion(WAIT);
        List<ConsumerRecord<String, String>> ours = task.getRecords().stream()
                .filter(r -> keys.contains(r.key())).toList();
        assertThat(ours).as("records on %s for this test", TOPIC).hasSizeGreaterThanOrEqualTo(expected);
        return ours;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private long count(String sql) {
        return query(sql).get(0).getLong(0);
    }

    private List<Row> query(String sql) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.query(sql).execute().await().atMost(WAIT).forEach(rows::add);
        return rows;
    }
}
