package io.leadstream.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.chassis.testing.RealKafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An operator restarts scoring's database while leads keep arriving (quality.md R6; issue 7's lost leads): on a
 * real broker, with the channel configured as in production, every lead.captured is scored exactly once when the
 * database is back, in order, and nothing goes to the dead-letter topic. A poison event still does, with its reason,
 * and the partition flows on after it.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.RealBroker.class)
class DatabaseOutageTest {

    /** The production channels (smallrye-kafka, the chassis' shared settings) on an embedded broker. */
    public static class RealBroker extends RealKafkaProfile {
        public RealBroker() {
            super(List.of("capture-events"), List.of("outbox"));
        }
    }

    static final String CAPTURE = "leads.capture";
    static final String SCORING = "leads.scoring";
    static final String DEAD_LETTERS = "leads.dlq.scoring";
    static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    Pool pool;

    KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void disconnect() {
        PostgresResource.startServer(); // whatever happened, the next test has its database
        kafka.close();
    }

    @Test
    void shouldScoreEveryLeadThatArrivedWhileTheDatabaseWasDownAndDeadLetterNone() throws Exception {
        List<String> before = leads(50);
        send(before, Duration.ZERO);
        await().atMost(WAIT).until(() -> scored(before) == before.size());

        PostgresResource.stopServer();
        List<String> during = leads(50);
        try {
            send(during, Duration.ofMillis(150)); // arriving for 7.5 s while the database refuses connections
            // longer than every retry window the consumer has for a failure that is not transient (about 1 s)
            Thread.sleep(6_000);
        } finally {
            PostgresResource.startServer();
        }
        List<String> after = leads(50);
        send(after, Duration.ZERO);

        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        await().atMost(WAIT).until(() -> scored(all) == all.size());

        // each lead announced by exactly one event (the outbox relay recovered too). Delivery is at-least-once: a
        // relay that sent a batch just before the database went away re-sends it, under the same ce_id, which every
        // consumer de-duplicates on; a second event (another ce_id) would mean the lead was scored twice.
        Map<String, Set<String>> announced = records(SCORING, Duration.ofSeconds(5)).stream()
                .filter(r -> all.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> header(r, "ce_id"), Collectors.toSet())));
        assertThat(announced).hasSize(all.size());
        assertThat(announced.values()).allSatisfy(ids -> assertThat(ids).hasSize(1).doesNotContainNull());
        // and nothing parked on the dead-letter topic
        assertThat(records(DEAD_LETTERS, Duration.ofSeconds(3))).noneMatch(r -> all.contains(r.key()));
    }

    @Test
    void shouldParkAPoisonEventOnTheDeadLetterTopicWithItsReasonAndKeepFlowing() throws Exception {
        String poison = UUID.randomUUID().toString();
        kafka.produceStrings().fromRecords(List.of(record(poison, "{\"source\":\"web\",\"capturedAt\":\"2026-11-22T10:00:00Z\"}")))
                .awaitCompletion(WAIT);
        List<String> next = leads(1);
        send(next, Duration.ZERO);

        await().atMost(WAIT).until(() -> scored(next) == 1);
        List<ConsumerRecord<String, String>> parked = await().atMost(WAIT)
                .until(() -> records(DEAD_LETTERS, Duration.ofSeconds(2)), list -> !list.isEmpty());
        List<ConsumerRecord<String, String>> ours = parked.stream().filter(r -> poison.equals(r.key())).toList();
        assertThat(ours).hasSize(1);
        assertThat(header(ours.get(0), "dead-letter-reason")).contains("lead.captured without leadId");
    }

    private static List<String> leads(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private void send(List<String> leads, Duration gap) throws InterruptedException {
        for (String lead : leads) {
            kafka.produceStrings().fromRecords(List.of(record(lead, """
                    {"leadId":"%s","source":"web","company":"Analytical Engines Ltd","country":"GB",
                     "capturedAt":"2026-11-22T10:00:00Z",
                     "quality":{"emailValid":true,"emailDomainKind":"CORPORATE","phoneValid":true,
                                "phoneType":"MOBILE","hasCompany":true}}""".formatted(lead)))).awaitCompletion(WAIT);
            if (!gap.isZero()) {
                Thread.sleep(gap.toMillis());
            }
        }
    }

    /** lead.captured as capture's outbox relay publishes it: key = lead id, binary-mode CloudEvents headers. */
    private static ProducerRecord<String, String> record(String lead, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(CAPTURE, lead, json);
        Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", "leadstream.lead.captured.v1",
                "ce_source", "/capture-service", "ce_subject", lead, "ce_time", Instant.now().toString(),
                "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private long scored(List<String> leads) {
        Set<UUID> ids = leads.stream().map(UUID::fromString).collect(Collectors.toSet());
        return pool.preparedQuery("select count(*) from lead_score where lead_id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private List<ConsumerRecord<String, String>> records(String topic, Duration during) {
        var task = kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(topic, during);
        task.awaitCompletion(WAIT);
        return task.getRecords();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
