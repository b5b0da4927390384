package io.leadstream.benchmarks.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * P2, end-to-end latency at a fixed arrival rate: new leads sent on their ticks (an open model, {@link LeadFlow}, as
 * P8 sends them) for {@code seconds}; per lead, the time from capture's 201 until its {@code lead.scored} and its
 * {@code lead.assigned} became visible to a consumer (the follower's clock when it received them), p50 / p99 / p99.9 /
 * max. The figures are taken {@code follow} seconds after the last arrival: a lead not through by then stays in them
 * at what it had waited so far (a lower bound, so that a slow pipeline is not flattered by leaving its slowest leads
 * out), and a percentile that falls on such a lead is written "≥". Then the follower goes on, without timing, until
 * every lead is through or no step of any of this run's leads was seen for {@code idle} seconds (the pipeline is idle
 * again), at most {@code drain} seconds: a lead still missing then is lost and fails the run; one still moving at the
 * cap is reported, not counted lost. Anything refused (not 201/200) fails the run too.
 * <p>
 * Options: {@code rate} (200 leads/s), {@code seconds} (120), {@code follow} (30), {@code idle} (30), {@code drain}
 * (600), {@code kafka}, and the baseline the script measured just before on the same broker (Kafka's own
 * {@code EndToEndLatency} tool): {@code baseline} (its row's text) and {@code baseline-p99} (ms; the ratio's divisor).
 */
final class P2 {

    private static final java.util.Set<String> TIMED = java.util.Set.of(LeadFlow.SCORED, LeadFlow.ASSIGNED);

    private final double rate;
    private final int seconds;
    private final int follow;
    private final int idle;
    private final int drain;
    private final String baseline;
    private final double baselineP99;
    private final LeadFlow flow;

    P2(Main.Options o) {
        this.rate = o.getDouble("rate", 200);
        this.seconds = o.getInt("seconds", 120);
        this.follow = o.getInt("follow", 30);
        this.idle = o.getInt("idle", 30);
        this.drain = o.getInt("drain", 600);
        this.baseline = o.get("baseline", "");
        this.baselineP99 = o.getDouble("baseline-p99", 0);
        this.flow = new LeadFlow(new Suite(o, 16), o.get("kafka", "127.0.0.1:9092"), true);
    }

    boolean run() throws Exception {
        flow.suite().token();
        P8.Cpu.awaitQuiet();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = flow.follow(watching);
        long total = Math.round(rate * seconds);
        System.err.printf("P2: %.1f leads/s for %d s (%d leads), figures %d s after the last arrival%n", rate, seconds,
                total, follow);
        double arrivalSeconds = flow.arrivals(rate, seconds, () -> { });

        // the figures: follow seconds after the last arrival, or once every lead is through
        long lastArrival = System.nanoTime();
        while (System.nanoTime() < lastArrival + follow * 1_000_000_000L && !flow.decidedAll()) {
            Thread.sleep(100);
        }
        long cutoff = System.currentTimeMillis();
        double followed = (System.nanoTime() - lastArrival) / 1e9;
        Map<String, Long> created = new HashMap<>(flow.created);
        Map<String, Long> scored = new HashMap<>(flow.scored);
        Map<String, Long> decided = new HashMap<>(flow.decided);
        Map<String, Long> assigned = new HashMap<>(flow.assigned);
        long notScored = created.keySet().stream().filter(id -> !scored.containsKey(id)).count();
        long notDecided = created.keySet().stream().filter(id -> !decided.containsKey(id)).count();
        Latency toScored = Latency.of(created, scored, created.keySet(), cutoff);
        // a lead distribution had not decided on by the cutoff would most likely be assigned: it stays in, censored
        Latency toAssigned = Latency.of(created, assigned, created.keySet().stream()
                .filter(id -> assigned.containsKey(id) || !decided.containsKey(id)).toList(), cutoff);

        // lost or late: go on until every lead is through or the pipeline is idle again
        long afterCutoff = System.nanoTime();
        boolean idleAgain = false;
        while (!flow.decidedAll()) {
            if (System.nanoTime() - flow.lastStep.get() > idle * 1_000_000_000L) {
                idleAgain = true;
                break;
            }
            if (System.nanoTime() - afterCutoff > drain * 1_000_000_000L) {
                break;
            }
            Thread.sleep(200);
        }
        double drained = (System.nanoTime() - lastArrival) / 1e9;
        boolean allThrough = flow.decidedAll();
        watching.set(false);
        watcher.join(5000);
        long lost = idleAgain ? flow.notThrough() : 0;
        long stillMoving = allThrough || idleAgain ? 0 : flow.notThrough();

        int leads = created.size();
        long merged = flow.merged();
        long errors = flow.errors();
        StringBuilder md = new StringBuilder();
        md.append("| figure | value |\n|---|---|\n");
        md.append(flow.arrivalRows(rate, leads, arrivalSeconds));
        md.append(P1.row("201 → `lead.scored` visible, p50 / p99 / p99.9 / max", toScored.text()));
        // the follower sees every lead's events (other clients' too): count this run's
        long assignedOurs = created.keySet().stream().filter(assigned::containsKey).count();
        long decidedOurs = created.keySet().stream().filter(decided::containsKey).count();
        md.append(P1.row("201 → `lead.assigned` visible, p50 / p99 / p99.9 / max", toAssigned.text() + " ("
                + assignedOurs + " assigned by the cutoff, " + (decidedOurs - assignedOurs)
                + " queued or shared, not counted)"));
        md.append(P1.row("figures taken after the last arrival at", "%.1f s (%s)".formatted(followed,
                notScored + notDecided == 0 ? "every lead through" : "the " + follow + " s cutoff")));
        md.append(P1.row("not through at the cutoff: not scored / not decided (in the figures at their wait so far, "
                + "a lower bound: ≥)", notScored + " / " + notDecided));
        md.append(P1.row("lost: never through once the pipeline was idle again", allThrough
                ? "0 (every lead through %.1f s after the last arrival)".formatted(drained)
                : idleAgain ? "**" + lost + "** (nothing of this run seen for " + idle + " s, %.1f s after the last "
                        .formatted(drained) + "arrival)"
                : "not known: " + stillMoving + " leads still moving through " + drain + " s after the cutoff"));
        if (!baseline.isEmpty()) {
            md.append(P1.row("baseline: Kafka's `EndToEndLatency` on the same broker, just before", baseline));
        }
        if (baselineP99 > 0 && toAssigned.count() > 0) {
            md.append(P1.row("**ratio** (our p99 to `lead.assigned` / Kafka's p99; to `lead.scored`)",
                    "**%s%.1f**; %s%.1f".formatted(toAssigned.censored(99) ? "≥ " : "", toAssigned.p(99) / baselineP99,
                            toScored.censored(99) ? "≥ " : "", toScored.p(99) / baselineP99)));
        }
        md.append(P1.row("**p99 201 → `lead.assigned`** (bar < 250 ms)", "**" + (toAssigned.count() == 0 ? "none"
                : (toAssigned.censored(99) ? "≥ " : "") + toAssigned.p(99) + " ms") + "**"));
        double[] sizes = flow.recordSizes();
        md.append(P1.row("events followed, mean size", "key %.0f B, value %.0f B, %.1f headers (%.0f + %.0f B each)"
                .formatted(sizes[0], sizes[1], sizes[2], sizes[3], sizes[4])));
        System.out.print(md);
        return errors == 0 && lost == 0 && leads + merged == total;
    }

    /** Milliseconds from the 201 to a step, for {@code leads}; those that had not reached it by {@code cutoff} censored. */
    record Latency(Histogram h, long censoredCount) {

        static Latency of(Map<String, Long> created, Map<String, Long> step, Iterable<String> leads, long cutoff) {
            Histogram h = new Histogram(3_600_000L, 3);
            long censored = 0;
            for (String id : leads) {
                Long reached = step.get(id);
                long ms = reached != null ? reached - created.get(id) : cutoff - created.get(id);
                censored += reached == null ? 1 : 0;
                h.recordValue(Math.max(0, Math.min(ms, h.getHighestTrackableValue())));
            }
            return new Latency(h, censored);
        }

        long count() {
            return h.getTotalCount();
        }

        long p(double percentile) {
            return h.getValueAtPercentile(percentile);
        }

        /** Whether the percentile may fall on a lead that was not through: then it is only a lower bound. */
        boolean censored(double percentile) {
            return censoredCount > 0 && percentile / 100.0 * count() > count() - censoredCount;
        }

        String text() {
            if (count() == 0) {
                return "none";
            }
            StringBuilder s = new StringBuilder();
            for (double p : new double[] { 50, 99, 99.9, 100 }) {
                s.append(s.isEmpty() ? "" : " / ").append(censored(p) ? "≥ " : "").append(p(p));
            }
            return s + " ms";
        }
    }

    /**
     * The {@code record-sizes} command: the mean key size, value size, header count and header key and value sizes of
     * the {@code lead.scored} and {@code lead.assigned} events among the last records (at most 100 per partition) of
     * the topics they travel on, as
     * {@code key value headers header-key header-value} in bytes; what Kafka's baseline tool sends, to be comparable.
     */
    static boolean recordSizes(Main.Options o) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.get("kafka", "127.0.0.1:9092"));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long[] sum = new long[6];
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("leads.scoring", "leads.distribution")) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            long wanted = 0;
            for (TopicPartition tp : partitions) {
                long from = Math.max(begins.get(tp), ends.get(tp) - 100);
                consumer.seek(tp, from);
                wanted += ends.get(tp) - from;
            }
            long until = System.nanoTime() + 20_000_000_000L;
            long seen = 0;
            while (seen < wanted && System.nanoTime() < until) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen++;
                    Header type = r.headers().lastHeader("ce_type");
                    if (type == null || !TIMED.contains(new String(type.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    sum[0]++;
                    sum[1] += Math.max(0, r.serializedKeySize());
                    sum[2] += Math.max(0, r.serializedValueSize());
                    for (Header h : r.headers()) {
                        sum[3]++;
                        sum[4] += h.key().length();
                        sum[5] += h.value() == null ? 0 : h.value().length;
                    }
                }
            }
        }
        if (sum[0] == 0) {
            System.err.println("no lead.scored or lead.assigned among the last records of their topics");
            return false;
        }
        System.out.printf("%d %d %d %d %d%n", sum[1] / sum[0], sum[2] / sum[0], Math.round(sum[3] / (double) sum[0]),
                sum[4] / Math.max(1, sum[3]), sum[5] / Math.max(1, sum[3]));
        return true;
    }
}
