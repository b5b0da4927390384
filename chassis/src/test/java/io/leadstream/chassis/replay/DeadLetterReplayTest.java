package io.leadstream.chassis.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The dead-letter replay against a real broker: what it republishes, where, with which headers, and only once. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class DeadLetterReplayTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    KafkaCompanion kafka;
    String bootstrap;
    String origin;
    String dlq;

    @BeforeEach
    void setUp() {
        bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        kafka = new KafkaCompanion(bootstrap);
        String run = UUID.randomUUID().toString().substring(0, 8);
        origin = "chassis.replay.origin-" + run;
        dlq = "leads.dlq.chassis-replay-" + run; // named as the services' are, so that --all finds it
        kafka.topics().createAndWait(dlq, 1);
        kafka.topics().createAndWait(origin, 3);
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void shouldPublishEachDeadLetterAgainToItsTopicOnceWithItsOriginalHeaders() throws Exception {
        deadLetter("lead-1", "event-1", origin);
        deadLetter("lead-2", "event-2", origin);
        deadLetter("lead-3", "event-3", null); // not written by a dead-letter channel: nowhere to send it
        deadLetter("lead-5", null, origin); // malformed (no ce_id): nothing would ever apply it

        DeadLetterReplay.Result dry = DeadLetterReplay.replay(config(), dlq, true, WAIT);
        assertThat(dry.read()).isEqualTo(4);
        assertThat(dry.replayed()).isEqualTo(Map.of(origin, 2));
        assertThat(dry.skipped()).isEqualTo(2);
        assertThat(dry.lines()).anyMatch(line -> line.startsWith("skipped (malformed, can never be applied)")
                && line.contains("key=lead-5"));
        assertThat(dry.lines()).anyMatch(line -> line.startsWith("would replay leadstream.thing.happened.v1 key=lead-1"));
        assertThat(kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(origin, Duration.ofSeconds(3)).awaitCompletion(WAIT).getRecords())
                .as("a dry run publishes nothing").isEmpty();

        DeadLetterReplay.Result result = DeadLetterReplay.replay(config(), dlq, false, WAIT);
        assertThat(result.replayed()).isEqualTo(Map.of(origin, 2));
        assertThat(result.skipped()).isEqualTo(2);
        List<ConsumerRecord<String, String>> replayed = kafka.consumeStrings()
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(origin, 2).awaitCompletion(WAIT).getRecords();
        assertThat(replayed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("lead-1", "lead-2");
        assertThat(replayed).allSatisfy(record -> {
            assertThat(record.value()).isEqualTo("{\"leadId\":\"" + record.key() + "\"}");
            assertThat(header(record, "ce_id")).isEqualTo("event-" + record.key().substring(5));
            assertThat(header(record, "ce_type")).isEqualTo("leadstream.thing.happened.v1");
            assertThat(record.headers()).noneMatch(h -> h.key().startsWith("dead-letter-"));
        });

        // what was replayed is not replayed again; what was dead-lettered since is
        deadLetter("lead-4", "event-4", origin);
        DeadLetterReplay.Result again = DeadLetterReplay.replay(config(), dlq, false, WAIT);
        assertThat(again.read()).isEqualTo(1);
        assertThat(again.replayed()).isEqualTo(Map.of(origin, 1));
        assertThat(DeadLetterReplay.replay(config(), dlq, false, WAIT).read()).isZero();
    }

    @Test
    void shouldReplayAsACommandWithTheKafkaSettingsOfTheEnvironment() throws Exception {
        deadLetter("lead-6", "event-6", origin);
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap);

        Command all = command(env, "--all", "--dry-run");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("dead-letter topics: ").contains(dlq)
                .contains("would replay leadstream.thing.happened.v1 key=lead-6 from " + origin)
                .contains(dlq + ": 1 dead-lettered records read, 1 would be replayed ({" + origin + "=1}), 0 skipped");

        Command one = command(env, "--topic", dlq);
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).contains(dlq + ": 1 dead-lettered records read, 1 replayed ({" + origin + "=1}), 0 skipped");
        assertThat(kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(origin, 1)
                .awaitCompletion(WAIT).getRecords()).extracting(ConsumerRecord::key).containsExactly("lead-6");
    }

    @Test
    void shouldRefuseACommandWithoutExactlyOneOfTopicAndAll() throws Exception {
        for (String[] args : List.of(new String[] {"--dry-run"}, new String[] {"--all", "--topic", dlq},
                new String[] {"--topic"}, new String[] {"--topics", dlq})) {
            Command refused = command(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap), args);
            assertThat(refused.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(refused.err()).contains("usage: DeadLetterReplay");
            assertThat(refused.out()).isEmpty();
        }
    }

    @Test
    void shouldTakeTheKafkaClientSettingsFromTheEnvironmentAsTheServicesDo() {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "leadstream-kafka-kafka-bootstrap:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/leadstream/kafka-ca/ca.crt",
                "KAFKA_HEAP_OPTS", "-Xmx1g", // Kafka's scripts' variable, no client setting
                "QUARKUS_HTTP_PORT", "8080");
        assertThat(DeadLetterReplay.clientSettings(env, null)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "leadstream-kafka-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/leadstream/kafka-ca/ca.crt"));
        assertThat(DeadLetterReplay.clientSettings(env, "127.0.0.1:9092")).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(DeadLetterReplay.clientSettings(Map.of(), null)).isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092"));
    }

    record Command(int exit, String out, String err) {
    }

    private static Command command(Map<String, String> env, String... args) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int exit = DeadLetterReplay.run(args, env, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        return new Command(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, Object> config() {
        return Map.of("bootstrap.servers", bootstrap);
    }

    /** A record as SmallRye's dead-letter strategy writes it: the original's key, value and headers, and its own. */
    private void deadLetter(String key, String ceId, String originTopic) {
        RecordHeaders headers = new RecordHeaders();
        if (ceId != null) {
            headers.add("ce_id", ceId.getBytes(StandardCharsets.UTF_8));
        } else {
            headers.add("dead-letter-exception-class-name",
                    "io.leadstream.chassis.inbox.MalformedEventException".getBytes(StandardCharsets.UTF_8));
        }
        headers.add("ce_type", "leadstream.thing.happened.v1".getBytes(StandardCharsets.UTF_8));
        if (originTopic != null) {
            headers.add("dead-letter-topic", originTopic.getBytes(StandardCharsets.UTF_8));
        }
        headers.add("dead-letter-reason", "the handler failed".getBytes(StandardCharsets.UTF_8));
        kafka.produceStrings().fromRecords(new ProducerRecord<>(dlq, null, key, "{\"leadId\":\"" + key + "\"}", headers))
                .awaitCompletion(WAIT);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
