package io.leadstream.benchmarks.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;

/**
 * P8, the pipeline: new leads at a fixed arrival rate (an open model: each lead is sent on its tick whether or not
 * earlier ones were answered) for {@code seconds}, each followed through Kafka until scoring scored it, distribution
 * decided on it (assigned, queued or shared) and, when assigned, nurture opened it; then up to {@code drain} seconds for
 * the last ones. Measures the HTTP answer, the time from the 201 to each step (the event's Kafka timestamp), how far
 * distribution's decisions fell behind the arrivals (the backlog, sampled every second), and the CPU seconds each
 * service (its {@code /proc/<pid>/stat}) and the whole machine ({@code /proc/stat}) spent per lead, and each service's
 * resident memory before and at most during the arrivals (P6, sampled every second). The sending and following are
 * {@link LeadFlow}'s, shared with P2. A lead that never arrives at a step is lost: the run fails. Options: {@code rate} (20 leads/s), {@code seconds} (30), {@code drain}
 * (60), {@code kafka} (127.0.0.1:9092), {@code pids} (name=pid,... of the services).
 */
final class P8 {

    private final double rate;
    private final int seconds;
    private final int drain;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final LeadFlow flow;

    P8(Main.Options o) {
        this.rate = o.getDouble("rate", 20);
        this.seconds = o.getInt("seconds", 30);
        this.drain = o.getInt("drain", 60);
        this.pids.putAll(pids(o));
        this.flow = new LeadFlow(new Suite(o, 16), o.get("kafka", "127.0.0.1:9092"), false);
    }

    /** The {@code pids} option: name=pid,... of the services. */
    static Map<String, Long> pids(Main.Options o) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : o.get("pids", "").split(",")) {
            if (pair.contains("=")) {
                pids.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
            }
        }
        return pids;
    }

    boolean run() throws Exception {
        flow.suite().token();
        Cpu.awaitQuiet(); // the run before this one has been digested
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = flow.follow(watching);
        Cpu before = Cpu.read(pids);
        long total = Math.round(rate * seconds);
        System.err.printf("P8: %.1f leads/s for %d s (%d leads), then up to %d s for the last ones%n", rate, seconds,
                total, drain);

        List<long[]> backlog = new ArrayList<>(); // {second, created, decided}
        Map<String, Long> rssAtStart = Rss.read(pids);
        Map<String, Long> rssMax = new LinkedHashMap<>(rssAtStart);
        long start = System.nanoTime();
        double arrivalSeconds = flow.arrivals(rate, seconds, () -> {
            backlog.add(new long[] { (System.nanoTime() - start) / 1_000_000_000L, flow.created.size(),
                flow.decided.size() });
            try {
                Rss.read(pids).forEach((name, kb) -> rssMax.merge(name, kb, Math::max));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read a service's memory", e);
            }
        });
        long lastArrival = System.nanoTime();
        long deadline = lastArrival + drain * 1_000_000_000L;
        while (System.nanoTime() < deadline && !flow.settled()) {
            Thread.sleep(200);
        }
        double drained = (System.nanoTime() - lastArrival) / 1e9;
        Cpu after = Cpu.read(pids);
        watching.set(false);
        watcher.join(5000);

        int leads = flow.created.size();
        long missingScored = flow.notScored();
        long missingDecided = flow.notDecided();
        long missingOpened = flow.notOpened();
        long merged = flow.merged();
        long errors = flow.errors();
        long maxBacklog = backlog.stream().mapToLong(b -> b[1] - b[2]).max().orElse(0);

        StringBuilder md = new StringBuilder();
        md.append("| figure | value |\n|---|---|\n");
        md.append(flow.arrivalRows(rate, leads, arrivalSeconds));
        md.append(P1.row("201 → `lead.scored` p50 / p99", since(flow.scored)));
        md.append(P1.row("201 → distribution's decision p50 / p99", since(flow.decided) + " ("
                + flow.created.keySet().stream().filter(flow.assigned::containsKey).count()
                + " assigned, the others queued or shared)"));
        md.append(P1.row("201 → `lead.stage-changed` `OPEN` (assigned leads) p50 / p99", since(flow.opened)));
        md.append(P1.row("lost: not scored / not decided / assigned, not opened", missingScored + " / "
                + missingDecided + " / " + missingOpened));
        md.append(P1.row("backlog (created, not decided yet), most during the arrivals", String.valueOf(maxBacklog)));
        md.append(P1.row("after the last arrival, every lead through in", drained >= drain && !flow.settled()
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

    /** p50 / p99 of the time from each lead's 201 to the step. */
    private String since(Map<String, Long> step) {
        Histogram h = flow.since(step);
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
