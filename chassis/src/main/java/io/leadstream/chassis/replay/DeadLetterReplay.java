package io.leadstream.chassis.replay;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays a service's dead-letter topic once the cause is fixed: every record dead-lettered since the last replay is
 * published again to the topic it came from (its {@code dead-letter-topic} header), with its key, value and original
 * headers ({@code ce_id} included) and without the {@code dead-letter-*} ones. Every consumer of that topic receives
 * it again: those that applied it skip it (their inbox knows its {@code ce_id}); the one that dead-lettered it applies
 * it now, or dead-letters it again if the cause is still there. Where the replay stopped is the consumer group
 * {@code <dead-letter topic>.replay}'s committed offset, written after the broker acknowledged the records, so a second
 * replay publishes only what was dead-lettered since (and a replay that failed half-way goes on from where it
 * stopped; a record may then be published twice, which the consumers' inboxes absorb).
 * <p>
 * Run as a command with the service's own jars: {@code deploy/local/dlq.sh <service> [--dry-run]}, or
 *
 * <pre>
 * java -cp 'capture-service/target/quarkus-app/lib/main/*' io.leadstream.chassis.replay.DeadLetterReplay \
 *     --bootstrap 127.0.0.1:9092 --topic leads.dlq.capture [--dry-run]
 * </pre>
 *
 * and on Kubernetes as a Job made from the suspended CronJob {@code leadstream-dlq-replay} (docs/operations.md), which
 * passes the Kafka settings (TLS, SASL) as the services get them: {@code KAFKA_*} environment variables. {@code --all}
 * takes every {@code leads.dlq.*} topic in turn.
 *
 * {@code --dry-run} lists what would be replayed (type, key, original topic, reason) and changes nothing. A record
 * dead-lettered as malformed (no {@code ce_id}, data that fits no record: {@code MalformedEventException}) is skipped
 * and listed: nothing fixed on the consumer's side would apply it, and sent back it would only be dead-lettered again
 * by every consumer of its topic.
 */
public final class DeadLetterReplay {

    static final String ORIGIN = "dead-letter-topic";
    static final String REASON = "dead-letter-reason";
    static final String EXCEPTION = "dead-letter-exception-class-name";
    static final String DEAD_LETTER_PREFIX = "dead-letter-";

    /** What a replay did: records read, published again per origin topic, and skipped (no origin, or malformed). */
    public record Result(int read, Map<String, Integer> replayed, int skipped, List<String> lines) {

        public int replayedTotal() {
            return replayed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private DeadLetterReplay() {
    }

    /**
     * Replays {@code deadLetterTopic} from where the last replay stopped up to its end as it is now.
     * {@code kafkaConfig}: the Kafka client settings (bootstrap servers, security). {@code dryRun}: read and list,
     * publish and commit nothing.
     */
    public static Result replay(Map<String, Object> kafkaConfig, String deadLetterTopic, boolean dryRun, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        int read = 0;
        int skipped = 0;
        Map<String, Integer> replayed = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        try (TopicReplay dlq = TopicReplay.open(kafkaConfig, deadLetterTopic + ".replay", List.of(deadLetterTopic),
                timeout, true);
                KafkaProducer<String, String> producer = dryRun ? null : producer(kafkaConfig)) {
            while (!dlq.caughtUp()) {
                List<ConsumerRecord<String, String>> records = dlq.poll(Duration.ofMillis(500));
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    read++;
                    String origin = header(record, ORIGIN);
                    String line = "%s %s key=%s from %s: %s".formatted(dryRun ? "would replay" : "replaying",
                            header(record, "ce_type"), record.key(), origin, header(record, REASON));
                    if (origin == null || origin.isBlank()) {
                        skipped++;
                        lines.add("skipped (no " + ORIGIN + " header) offset " + record.offset() + " key=" + record.key());
                        continue;
                    }
                    if (String.valueOf(header(record, EXCEPTION)).endsWith(".MalformedEventException")) {
                        skipped++; // no ce_id, or data that fits no record: no fix on the consumer's side applies it
                        lines.add("skipped (malformed, can never be applied) offset " + record.offset() + " key="
                                + record.key() + " from " + origin + ": " + header(record, REASON));
                        continue;
                    }
                    lines.add(line);
                    replayed.merge(origin, 1, Integer::sum);
                    if (!dryRun) {
                        sends.add(producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                                withoutDeadLetterHeaders(record))));
                    }
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get(timeout.toMillis(), TimeUnit.MILLISECONDS); // acknowledged before the offset moves on
                }
                if (!dryRun && !records.isEmpty()) {
                    dlq.commit();
                }
            }
        }
        return new Result(read, replayed, skipped, lines);
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static final String USAGE = "usage: DeadLetterReplay (--topic leads.dlq.<service> | --all) [--bootstrap host:port]"
            + " [--dry-run]\n"
            + "  Kafka client settings come from the KAFKA_* environment variables, as the services read them\n"
            + "  (KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, ...); --bootstrap overrides\n"
            + "  the servers; without either, 127.0.0.1:9092.";

    /** The command: replays (or with {@code --dry-run} lists) one dead-letter topic, or with {@code --all} every one. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        String bootstrap = null;
        List<String> topics = new ArrayList<>();
        boolean all = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = i + 1 < args.length ? args[++i] : null;
                case "--topic" -> topics.add(i + 1 < args.length ? args[++i] : "");
                case "--all" -> all = true;
                case "--dry-run" -> dryRun = true;
                default -> {
                    err.println("unknown argument " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (all == !topics.isEmpty() || topics.contains("")) {
            err.println(USAGE);
            return 2;
        }
        Map<String, Object> kafkaConfig = clientSettings(env, bootstrap);
        Duration timeout = Duration.ofSeconds(30);
        if (all) {
            topics = deadLetterTopics(kafkaConfig, timeout);
            out.printf("dead-letter topics: %s%n", topics.isEmpty() ? "none" : String.join(", ", topics));
        }
        for (String topic : topics) {
            Result result = replay(kafkaConfig, topic, dryRun, timeout);
            result.lines().forEach(out::println);
            out.printf("%s: %d dead-lettered records read, %d %s (%s), %d skipped%n", topic, result.read(),
                    result.replayedTotal(), dryRun ? "would be replayed" : "replayed", result.replayed(), result.skipped());
        }
        return 0;
    }

    /** What every dead-letter topic is named after: {@code leads.dlq.<service>}. */
    static final String DEAD_LETTER_TOPICS = "leads.dlq.";

    /** The dead-letter topics on the broker ({@code leads.dlq.*}) that these settings may describe, by name. */
    static List<String> deadLetterTopics(Map<String, Object> kafkaConfig, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(kafkaConfig)) {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(name -> name.startsWith(DEAD_LETTER_TOPICS)).sorted().toList();
        }
    }

    /**
     * The Kafka client settings as a service reads them from its environment: every {@code KAFKA_*} variable that names
     * a producer, consumer or admin setting ({@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}); others, such
     * as {@code KAFKA_HEAP_OPTS}, are not settings and are left out. {@code bootstrap}, when given, names the servers.
     * So the replay runs in a pod with the same variables as the services (docs/operations.md), TLS and SASL included.
     */
    static Map<String, Object> clientSettings(Map<String, String> env, String bootstrap) {
        Set<String> known = new HashSet<>(ProducerConfig.configNames());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        Map<String, Object> config = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                String setting = name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (known.contains(setting)) {
                    config.put(setting, value);
                }
            }
        });
        if (bootstrap != null) {
            config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        config.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        return config;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<String, String> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
