package io.leadstream.benchmarks.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * The load generator of {@code benchmarks/pipeline/pipeline.sh}: {@code p1}, {@code p8} or {@code p2} (or the
 * helpers {@code record-sizes}, what P2's baseline sends, and {@code quiet}), then {@code --name value} options (see
 * each figure's class). Prints what it measured as a Markdown section on stdout (the script puts it into
 * docs/benchmarks.md) and progress on stderr; exits 1 when the suite lost or refused anything, which is a failure
 * whatever the figures.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: p1|p8|p2|record-sizes [--name value]...");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("not an option: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Options o = new Options(options);
        boolean clean;
        try {
            clean = switch (args[0]) {
                case "p1" -> new P1(o).run();
                case "p8" -> new P8(o).run();
                case "p2" -> new P2(o).run();
                case "record-sizes" -> P2.recordSizes(o);
                case "quiet" -> { // waits (at most a minute) until the machine is quiet, before a baseline
                    P8.Cpu.awaitQuiet();
                    yield true;
                }
                default -> throw new IllegalArgumentException("unknown figure: " + args[0]);
            };
        } catch (Throwable e) {
            // the HTTP client's threads would keep the JVM alive after main failed: the script would wait forever
            e.printStackTrace();
            System.exit(2);
            return;
        }
        System.exit(clean ? 0 : 1);
    }

    /** The options, with defaults. */
    record Options(Map<String, String> values) {

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int getInt(String name, int fallback) {
            return Integer.parseInt(get(name, String.valueOf(fallback)));
        }

        double getDouble(String name, double fallback) {
            return Double.parseDouble(get(name, String.valueOf(fallback)));
        }
    }
}
