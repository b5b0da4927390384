package io.leadstream.benchmarks.pipeline;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * New leads sent at a fixed arrival rate and followed through Kafka, what P8 and P2 share. The sender is an open
 * model: each lead is sent on its tick whether or not earlier ones were answered, its HTTP answer timed. The follower
 * reads {@code leads.scoring}, {@code leads.distribution} and {@code leads.nurture} from their ends (assigned before
 * the first lead is sent) and notes, per lead, when scoring scored it, when distribution decided on it (assigned,
 * queued, shared or claimed), when it was assigned and when nurture first opened it. A step's time is the event's
 * Kafka timestamp (when the relay produced it: P8) or, with {@code seenTime}, when the follower received it (when it
 * became visible to a consumer: P2, as Kafka's own end-to-end latency tool measures).
 */
final class LeadFlow {

    static final String SCORED = "leadstream.lead.scored.v1";
    static final Set<String> DECIDED = Set.of("leadstream.lead.assigned.v1", "leadstream.lead.queued.v1",
            "leadstream.lead.shared.v1", "leadstream.lead.claimed.v1");
    static final String ASSIGNED = "leadstream.lead.assigned.v1";
    static final String STAGE_CHANGED = "leadstream.lead.stage-changed.v1";

    private final Suite suite;
    private final String kafka;
    private final boolean seenTime;

    /** Per lead id: when capture answered 201 (ms since the epoch). */
    final Map<String, Long> created = new ConcurrentHashMap<>();
    final Map<String, Long> scored = new ConcurrentHashMap<>();
    final Map<String, Long> decided = new ConcurrentHashMap<>();
    /** the leads distribution assigned, and when */
    final Map<String, Long> assigned = new ConcurrentHashMap<>();
    final Map<String, Long> opened = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final Histogram http = new Histogram(60_000_000_000L, 3);
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong maxInFlight = new AtomicLong();
    /** when the follower last saw a step of one of this run's leads (System.nanoTime) */
    final AtomicLong lastStep = new AtomicLong(System.nanoTime());
    /** what the followed records weigh: records, key, value, header count, header key and value bytes */
    private final long[] sizes = new long[6];

    LeadFlow(Suite suite, String kafka, boolean seenTime) {
        this.suite = suite;
        this.kafka = kafka;
        this.seenTime = seenTime;
    }

    Suite suite() {
        return suite;
    }

    /**
     * Sends {@code round(rate × seconds)} new leads on their ticks, calling {@code eachSecond} once a second while
     * they go out; returns the seconds the arrivals took.
     */
    double arrivals(double rate, int seconds, Runnable eachSecond) throws InterruptedException {
        long total = Math.round(rate * seconds);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sent = new AtomicLong();
        long period = Math.max(1, Math.round(1_000_000_000L / rate));
        long start = System.nanoTime();
        ticks.scheduleAtFixedRate(() -> {
            long n = sent.incrementAndGet();
            if (n > total) {
                return;
            }
            send(n);
        }, 0, period, TimeUnit.NANOSECONDS);
        while (sent.get() < total) {
            Thread.sleep(1000);
            eachSecond.run();
        }
        ticks.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Every lead answered, scored, decided on and, when assigned, opened. */
    boolean settled() {
        return created.keySet().stream().allMatch(id -> scored.containsKey(id) && decided.containsKey(id))
                && assigned.keySet().stream().allMatch(id -> !created.containsKey(id) || opened.containsKey(id))
                && inFlight.get() == 0;
    }

    /** Every lead answered, scored and decided on (P2's end: nurture's step is not followed). */
    boolean decidedAll() {
        return inFlight.get() == 0
                && created.keySet().stream().allMatch(id -> scored.containsKey(id) && decided.containsKey(id));
    }

    long notScored() {
        return created.keySet().stream().filter(id -> !scored.containsKey(id)).count();
    }

    long notDecided() {
        return created.keySet().stream().filter(id -> !decided.containsKey(id)).count();
    }

    /** Leads not scored or not decided on yet (each counted once). */
    long notThrough() {
        return created.keySet().stream().filter(id -> !scored.containsKey(id) || !decided.containsKey(id)).count();
    }

    long notOpened() {
        return assigned.keySet().stream().filter(id -> created.containsKey(id) && !opened.containsKey(id)).count();
    }

    /** 200s: a person capture already had (an earlier run's lead with the same phone number), merged, not followed. */
    /** The table rows every open-model figure starts with: the arrivals, what capture answered, how fast. */
    String arrivalRows(double rate, int leads, double arrivalSeconds) {
        return P1.row("arrival rate asked / achieved", "%.1f / %.1f leads/s over %.0f s".formatted(rate,
                leads / arrivalSeconds, arrivalSeconds))
                + P1.row("leads created (201); merged into an earlier lead (200, not followed)", leads + "; " + merged())
                + P1.row("answers", new java.util.TreeMap<>(outcomes).toString())
                + P1.row("`POST /api/leads` p50 / p99", "%.0f / %.0f ms (most in flight at once: %d)".formatted(
                        P1.ms(http, 50), P1.ms(http, 99), maxInFlight.get()));
    }

    long merged() {
        return outcomes.getOrDefault("200", new AtomicLong()).get();
    }

    /** Answers neither 201 nor 200, and requests that failed. */
    long errors() {
        return outcomes.entrySet().stream().filter(e -> !"201".equals(e.getKey()) && !"200".equals(e.getKey()))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /** Milliseconds from each lead's 201 to the step, for the leads that reached it. */
    Histogram since(Map<String, Long> step) {
        Histogram h = new Histogram(3_600_000L, 3);
        created.forEach((id, at) -> {
            Long reached = step.get(id);
            if (reached != null) {
                h.recordValue(Math.max(0, Math.min(reached - at, h.getHighestTrackableValue())));
            }
        });
        return h;
    }

    /** The mean key, value, header count, header key and header value sizes of the records followed, in bytes. */
    double[] recordSizes() {
        synchronized (sizes) {
            long n = Math.max(1, sizes[0]);
            return new double[] { sizes[1] / (double) n, sizes[2] / (double) n, sizes[3] / (double) n,
                sizes[4] / (double) Math.max(1, sizes[3]), sizes[5] / (double) Math.max(1, sizes[3]) };
        }
    }

    private void send(long n) {
        try {
            long at = System.nanoTime();
            inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.get(), Math::max);
            suite.http.sendAsync(suite.post(suite.lead(n)).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, failure) -> {
                        inFlight.decrementAndGet();
                        if (failure != null) {
                            outcomes.computeIfAbsent("exception " + failure.getClass().getSimpleName(),
                                    k -> new AtomicLong()).incrementAndGet();
                            return;
                        }
                        synchronized (http) {
                            http.recordValue(Math.min(System.nanoTime() - at, http.getHighestTrackableValue()));
                        }
                        outcomes.computeIfAbsent(String.valueOf(r.statusCode()), k -> new AtomicLong())
                                .incrementAndGet();
                        if (r.statusCode() == 201) {
                            try {
                                created.put(Suite.JSON.readTree(r.body()).path("id").asText(),
                                        System.currentTimeMillis());
                            } catch (Exception e) {
                                outcomes.computeIfAbsent("unreadable 201", k -> new AtomicLong()).incrementAndGet();
                            }
                        } else if (r.statusCode() != 200 && outcomes.get(String.valueOf(r.statusCode())).get() <= 3) {
                            System.err.println("HTTP " + r.statusCode() + ": " + r.body());
                        }
                    });
        } catch (Exception e) {
            outcomes.computeIfAbsent("exception " + e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
        }
    }

    /** Starts following the topics from their ends (resolved before this returns); stops when {@code watching} is. */
    Thread follow(AtomicBoolean watching) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("leads.scoring", "leads.distribution", "leads.nurture")) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before any lead is sent
        Thread t = new Thread(() -> {
            try (consumer) {
                while (watching.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        long at = seenTime ? System.currentTimeMillis() : r.timestamp();
                        String type = header(r, "ce_type");
                        String lead = r.key();
                        if (type == null || lead == null) {
                            continue;
                        }
                        boolean step = true;
                        if (SCORED.equals(type)) {
                            scored.putIfAbsent(lead, at);
                        } else if (DECIDED.contains(type)) {
                            decided.putIfAbsent(lead, at);
                            if (ASSIGNED.equals(type)) {
                                assigned.putIfAbsent(lead, at);
                            }
                        } else if (STAGE_CHANGED.equals(type)) { // the first one opens the lead at OPEN
                            opened.putIfAbsent(lead, at);
                        } else {
                            step = false;
                        }
                        if (step && created.containsKey(lead)) {
                            lastStep.set(System.nanoTime());
                            weigh(r);
                        }
                    }
                }
            }
        }, "lead-flow-kafka");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void weigh(ConsumerRecord<String, String> r) {
        synchronized (sizes) {
            sizes[0]++;
            sizes[1] += r.serializedKeySize();
            sizes[2] += r.serializedValueSize();
            for (Header h : r.headers()) {
                sizes[3]++;
                sizes[4] += h.key().getBytes(StandardCharsets.UTF_8).length;
                sizes[5] += h.value() == null ? 0 : h.value().length;
            }
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
