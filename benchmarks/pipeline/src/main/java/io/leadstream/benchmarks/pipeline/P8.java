package io.leadstream.benchmarks.pipeline;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
 * P8, the pipeline: new leads at a fixed arrival rate (an open model: each lead is sent on its tick whether or not
 * earlier ones were answered) for {@code seconds}, each followed through Kafka until scoring scored it, distribution
 * decided on it (assigned, queued or shared) and, when assigned, nurture opened it; then up to {@code drain} seconds for
 * the last ones. Measures the HTTP answer, the time from the 201 to each step (the event's Kafka timestamp), how far
 * distribution's decisions fell behind the arrivals (the backlog, sampled every second), and the CPU seconds each
 * service (its {@code /proc/<pid>/stat}) and the whole machine ({@code /proc/stat}) spent per lead, and each service's
 * resident memory before and at most during the arrivals (P6, sampled every second). A lead that never
 * arrives at a step is lost: the run fails. Options: {@code rate} (20 leads/s), {@code seconds} (30), {@code drain}
 * (60), {@code kafka} (127.0.0.1:9092), {@code pids} (name=pid,... of the services).
 */
final class P8 {

    private static final String SCORED = "leadstream.lead.scored.v1";
    private static final Set<String> DECIDED = Set.of("leadstream.lead.assigned.v1", "leadstream.lead.queued.v1",
            "leadstream.lead.shared.v1", "leadstream.lead.claimed.v1");
    private static final String ASSIGNED = "leadstream.lead.assigned.v1";
    private static final String STAGE_CHANGED = "leadstream.lead.stage-changed.v1";

    private final double rate;
    private final int seconds;
    private final int drain;
    private final String kafka;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Suite suite;

    /** Per lead id: when capture answered 201 (ms since the epoch). */
    private final Map<String, Long> created = new ConcurrentHashMap<>();
    private final Map<String, Long> scored = new ConcurrentHashMap<>();
    private final Map<String, Long> decided = new ConcurrentHashMap<>();
    private final Set<String> assigned = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> opened = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Histogram http = new Histogram(60_000_000_000L, 3);
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong maxInFlight = new AtomicLong();

    P8(Main.Options o) {
        this.rate = o.getDouble("rate", 20);
        this.seconds = o.getInt("seconds", 30);
        this.drain = o.getInt("drain", 60);
        this.kafka = o.get("kafka", "127.0.0.1:9092");
        for (String pair : o.get("pids", "").split(",")) {
            if (pair.contains("=")) {
                pids.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
            }
        }
        this.suite = new Suite(o, 16);
    }

    boolean run() throws Exception {
        suite.token();
        Cpu.awaitQuiet(); // the run before this one has been digested
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = watch(watching);
        Cpu before = Cpu.read(pids);
        long total = Math.round(rate * seconds);
        System.err.printf("P8: %.1f leads/s for %d s (%d leads), then up to %d s for the last ones%n", rate, seconds,
                total, drain);

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
        List<long[]> backlog = new ArrayList<>(); // {second, created, decided}
        Map<String, Long> rssAtStart = Rss.read(pids);
        Map<String, Long> rssMax = new LinkedHashMap<>(rssAtStart);
        while (sent.get() < total) {
            Thread.sleep(1000);
            backlog.add(new long[] { (System.nanoTime() - start) / 1_000_000_000L, created.size(), decided.size() });
            Rss.read(pids).forEach((name, kb) -> rssMax.merge(name, kb, Math::max));
        }
        ticks.shutdown();
        double arrivalSeconds = (System.nanoTime() - start) / 1e9;
        long lastArrival = System.nanoTime();
        long deadline = lastArrival + drain * 1_000_000_000L;
        while (System.nanoTime() < deadline && !settled()) {
            Thread.sleep(200);
        }
        double drained = (System.nanoTime() - lastArrival) / 1e9;
        Cpu after = Cpu.read(pids);
        watching.set(false);
        watcher.join(5000);

        int leads = created.size();
        long missingScored = created.keySet().stream().filter(id -> !scored.containsKey(id)).count();
        long missingDecided = created.keySet().stream().filter(id -> !decided.containsKey(id)).count();
        long missingOpened = assigned.stream().filter(id -> created.containsKey(id) && !opened.containsKey(id)).count();
        // a 200 is a person capture already had (an earlier run's lead with the same phone number): merged, not followed
        long merged = outcomes.getOrDefault("200", new AtomicLong()).get();
        long errors = outcomes.entrySet().stream().filter(e -> !"201".equals(e.getKey()) && !"200".equals(e.getKey()))
                .mapToLong(e -> e.getValue().get()).sum();
        long maxBacklog = backlog.stream().mapToLong(b -> b[1] - b[2]).max().orElse(0);

        StringBuilder md = new StringBuilder();
        md.append("| figure | value |\n|---|---|\n");
        md.append(P1.row("arrival rate asked / achieved", "%.1f / %.1f leads/s over %.0f s".formatted(rate,
                leads / arrivalSeconds, arrivalSeconds)));
        md.append(P1.row("leads created (201); merged into an earlier lead (200, not followed)", leads + "; "
                + merged));
        md.append(P1.row("answers", new TreeMap<>(outcomes).toString()));
        md.append(P1.row("`POST /api/leads` p50 / p99", "%.0f / %.0f ms (most in flight at once: %d)".formatted(
                P1.ms(http, 50), P1.ms(http, 99), maxInFlight.get())));
        md.append(P1.row("201 → `lead.scored` p50 / p99", since(scored)));
        md.append(P1.row("201 → distribution's decision p50 / p99", since(decided) + " (" + assigned.size()
                + " assigned, the others queued or shared)"));
        md.append(P1.row("201 → `lead.stage-changed` `OPEN` (assigned leads) p50 / p99", since(opened)));
        md.append(P1.row("lost: not scored / not decided / assigned, not opened", missingScored + " / "
                + missingDecided + " / " + missingOpened));
        md.append(P1.row("backlog (created, not decided yet), most during the arrivals", String.valueOf(maxBacklog)));
        md.append(P1.row("after the last arrival, every lead through in", drained >= drain && !settled()
                ? "**not within " + drain + " s**" : "%.1f s".formatted(drained)));
        if (!pids.isEmpty()) {
            StringBuilder rss = new StringBuilder();
            long sum = 0;
            for (String name : pids.keySet()) {
                rss.append(name.replace("-service", "")).append(' ').append(rssAtStart.get(name) / 1024).append(" → ")
                        .append(rssMax.get(name) / 1024).append(", ");
                sum += rssMax.get(name);
            }
            md.append(P1.row("RSS MB per service, before → most during the arrivals (P6: < 300 under load)",
                    rss + "all five " + sum / 1024));
        }
        if (leads > 0) {
            StringBuilder cpu = new StringBuilder();
            double suiteMs = 0;
            for (String name : pids.keySet()) {
                double ms = (after.process.get(name) - before.process.get(name)) * 1000.0 / leads;
                suiteMs += ms;
                cpu.append(name.replace("-service", "")).append(' ').append("%.1f".formatted(ms)).append(", ");
            }
            md.append(P1.row("CPU ms per lead, per service", cpu + "all five %.1f".formatted(suiteMs)));
            md.append(P1.row("CPU ms per lead, the whole machine (PostgreSQL, Kafka, Keycloak, generator too)",
                    "%.1f (%.0f%% of both cores busy)".formatted((after.machine - before.machine) * 1000.0 / leads,
                            100.0 * (after.machine - before.machine) / ((after.at - before.at) / 1e9)
                                    / Runtime.getRuntime().availableProcessors())));
        }
        System.out.print(md);
        return errors == 0 && missingScored + missingDecided + missingOpened == 0 && leads + merged == total;
    }

    private boolean settled() {
        return created.keySet().stream().allMatch(id -> scored.containsKey(id) && decided.containsKey(id))
                && assigned.stream().allMatch(id -> !created.containsKey(id) || opened.containsKey(id))
                && inFlight.get() == 0;
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
                            System.err.println("P8: HTTP " + r.statusCode() + ": " + r.body());
                        }
                    });
        } catch (Exception e) {
            outcomes.computeIfAbsent("exception " + e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
        }
    }

    /** Reads the topics from their ends (assigned before the first lead is sent): when each lead reached each step. */
    private Thread watch(AtomicBoolean watching) throws InterruptedException {
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
                        String type = header(r, "ce_type");
                        String lead = r.key();
                        if (type == null || lead == null) {
                            continue;
                        }
                        if (SCORED.equals(type)) {
                            scored.putIfAbsent(lead, r.timestamp());
                        } else if (DECIDED.contains(type)) {
                            decided.putIfAbsent(lead, r.timestamp());
                            if (ASSIGNED.equals(type)) {
                                assigned.add(lead);
                            }
                        } else if (STAGE_CHANGED.equals(type)) { // the first one opens the lead at OPEN
                            opened.putIfAbsent(lead, r.timestamp());
                        }
                    }
                }
            }
        }, "p8-kafka");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** p50 / p99 of the time from each lead's 201 to the step. */
    private String since(Map<String, Long> step) {
        Histogram h = new Histogram(3_600_000L, 3);
        created.forEach((id, at) -> {
            Long reached = step.get(id);
            if (reached != null) {
                h.recordValue(Math.max(0, Math.min(reached - at, h.getHighestTrackableValue())));
            }
        });
        return h.getTotalCount() == 0 ? "none" : "%d / %d ms".formatted(h.getValueAtPercentile(50),
                h.getValueAtPercentile(99));
    }

    /** Resident memory (VmRSS, kB) of each process now. */
    static final class Rss {

        static Map<String, Long> read(Map<String, Long> pids) throws Exception {
            Map<String, Long> kb = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : pids.entrySet()) {
                for (String line : Files.readAllLines(Path.of("/proc/" + e.getValue() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb.put(e.getKey(), Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            }
            return kb;
        }
    }

    /** CPU seconds so far: per service process, and the whole machine's busy time. */
    record Cpu(Map<String, Double> process, double machine, long at) {

        static Cpu read(Map<String, Long> pids) throws Exception {
            long ticks = 100; // USER_HZ on Linux
            Map<String, Double> process = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : pids.entrySet()) {
                String stat = Files.readString(Path.of("/proc/" + e.getValue() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command: state(0) ... utime(11) stime(12)
                process.put(e.getKey(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) ticks);
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= Math.min(8, cpu.length - 1); i++) {
                if (i != 4 && i != 5) { // user nice system irq softirq steal: not idle, iowait, nor guest (in user)
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return new Cpu(process, busy / (double) ticks, System.nanoTime());
        }

        /**
         * Waits (at most a minute) until the machine is quiet: both cores less than a quarter busy over a second, so
         * that a baseline is not measured while the suite still digests the load before it.
         */
        static void awaitQuiet() throws Exception {
            long until = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < until) {
                Cpu a = read(Map.of());
                Thread.sleep(1000);
                Cpu b = read(Map.of());
                double busy = (b.machine - a.machine) / ((b.at - a.at) / 1e9) / Runtime.getRuntime().availableProcessors();
                if (busy < 0.25) {
                    return;
                }
            }
            System.err.println("the machine did not quieten within a minute; measuring anyway");
        }
    }
}
