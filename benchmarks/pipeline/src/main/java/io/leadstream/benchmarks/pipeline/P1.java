package io.leadstream.benchmarks.pipeline;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * P1: sustained {@code POST /api/leads} at a fixed concurrency (a closed loop: {@code connections} clients, each
 * sending its next lead when the last one was answered) against the baseline, pgbench doing the same lead and outbox
 * inserts in one transaction at the same concurrency, measured just before and just after. Every
 * {@code duplicate-every}-th lead repeats an earlier person (capture merges it: 200), every
 * {@code idempotency-every}-th carries an Idempotency-Key, and every fifth of those is sent twice under its key (the
 * second a replay). Options: {@code connections} (8), {@code seconds} (30), {@code warmup} (5), {@code pgbench} (the
 * pgbench command line without {@code -c}/{@code -j}/{@code -T}; none: no baseline). Each baseline waits until the
 * machine is quiet (the suite has digested the leads before it).
 */
final class P1 {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final Main.Options o;
    private final int connections;
    private final int seconds;
    private final int warmup;
    private final int duplicateEvery;
    private final int idempotencyEvery;
    private final Suite suite;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

    P1(Main.Options o) {
        this.o = o;
        this.connections = o.getInt("connections", 8);
        this.seconds = o.getInt("seconds", 30);
        this.warmup = o.getInt("warmup", 5);
        this.duplicateEvery = o.getInt("duplicate-every", 20);
        this.idempotencyEvery = o.getInt("idempotency-every", 10);
        this.suite = new Suite(o, connections);
    }

    boolean run() throws Exception {
        suite.token();
        Baseline before = pgbench();
        System.err.printf("P1: %d connections, %d s (+%d s warm-up)%n", connections, seconds, warmup);
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        AtomicLong measured = new AtomicLong();
        for (int c = 0; c < connections; c++) {
            Histogram h = new Histogram(60_000_000_000L, 3);
            histograms.add(h);
            Thread t = new Thread(() -> client(h, measureFrom, end, measured), "p1-client-" + c);
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) {
            t.join();
        }
        Baseline after = pgbench();
        Histogram all = new Histogram(60_000_000_000L, 3);
        histograms.forEach(all::add);
        double throughput = measured.get() / (double) seconds;
        long errors = outcomes.entrySet().stream().filter(e -> !e.getKey().startsWith("2"))
                .mapToLong(e -> e.getValue().get()).sum();

        StringBuilder md = new StringBuilder();
        md.append("| figure | value |\n|---|---|\n");
        md.append(row("clients (closed loop)", String.valueOf(connections)));
        md.append(row("measured", seconds + " s after " + warmup + " s of warm-up"));
        md.append(row("requests answered", String.valueOf(measured.get())));
        md.append(row("throughput", "%.1f req/s".formatted(throughput)));
        md.append(row("latency p50 / p99 / p99.9", "%.1f / %.1f / %.1f ms".formatted(ms(all, 50), ms(all, 99),
                ms(all, 99.9))));
        md.append(row("answers", new TreeMap<>(outcomes).toString()));
        md.append(row("errors (not 2xx)", String.valueOf(errors)));
        if (before != null && after != null) {
            double baseline = (before.tps + after.tps) / 2;
            md.append(row("baseline: pgbench, lead + outbox insert per transaction, same concurrency",
                    "%.0f tx/s before, %.0f after (latency %.2f / %.2f ms)".formatted(before.tps, after.tps,
                            before.latencyMs, after.latencyMs)));
            md.append(row("**ratio** (throughput / baseline mean; bar ≥ 0.5)", "**%.3f**".formatted(throughput
                    / baseline)));
        }
        System.out.print(md);
        return errors == 0 && measured.get() > 0;
    }

    private void client(Histogram h, long measureFrom, long end, AtomicLong measured) {
        try {
            long now;
            while ((now = System.nanoTime()) < end) {
                long n = sequence.incrementAndGet();
                String body = suite.lead(n, Suite.duplicateOf(n, duplicateEvery));
                HttpRequest.Builder request = suite.post(body);
                boolean replay = false;
                if (idempotencyEvery > 0 && n % idempotencyEvery == 0) {
                    request.header("Idempotency-Key", "bench-" + suite.run + "-" + n);
                    replay = n % (idempotencyEvery * 5L) == 0;
                }
                HttpResponse<String> r = suite.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - now;
                count(r);
                if (replay) { // the same request under the same key again: the stored answer
                    HttpResponse<String> again = suite.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    count(again);
                    if (!"true".equals(again.headers().firstValue("Idempotency-Replayed").orElse(null))) {
                        outcomes.computeIfAbsent("replay-not-marked", k -> new AtomicLong()).incrementAndGet();
                    }
                }
                if (now >= measureFrom) {
                    h.recordValue(Math.min(took, h.getHighestTrackableValue()));
                    measured.incrementAndGet();
                }
            }
        } catch (Exception e) {
            outcomes.computeIfAbsent("exception " + e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
            System.err.println("P1 client failed: " + e);
        }
    }

    private void count(HttpResponse<String> r) {
        outcomes.computeIfAbsent(String.valueOf(r.statusCode()), k -> new AtomicLong()).incrementAndGet();
        if (r.statusCode() >= 300 && outcomes.get(String.valueOf(r.statusCode())).get() <= 3) {
            System.err.println("P1: HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    /** The baseline: pgbench with the script the caller gave, at this concurrency, for {@code seconds / 2}. */
    private Baseline pgbench() throws Exception {
        String command = o.get("pgbench", "");
        if (command.isBlank()) {
            return null;
        }
        P8.Cpu.awaitQuiet();
        List<String> args = new ArrayList<>(List.of(command.trim().split("\\s+")));
        args.addAll(List.of("-c", String.valueOf(connections), "-j", String.valueOf(Math.min(connections, 2)), "-T",
                String.valueOf(Math.max(3, seconds / 2)), "-n"));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(line -> out.append(line).append('\n'));
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output:\n" + out);
        }
        Baseline b = new Baseline(Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
        System.err.printf("P1 baseline (pgbench): %.0f tx/s%n", b.tps);
        return b;
    }

    private record Baseline(double tps, double latencyMs) {
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1_000_000.0;
    }

    static String row(String what, String value) {
        return "| " + what + " | " + value + " |\n";
    }
}
