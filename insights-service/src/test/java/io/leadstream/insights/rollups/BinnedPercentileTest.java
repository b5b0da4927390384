package io.leadstream.insights.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class BinnedPercentileTest {

    /** The bin of migration V8's speed_bin. */
    private static int bin(double seconds) {
        return (int) Math.floor(4 * Math.log(Math.max(seconds, 1)));
    }

    /** percentile_cont over every value, as PostgreSQL computes it. */
    private static double percentileCont(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        double position = p * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        double first = sorted.get(lower);
        return lower == upper ? first : first + (sorted.get(upper) - first) * (position - lower);
    }

    /** Locates the percentile through the bins' counts and reads only the bins it names. */
    private static double binned(List<Double> values, double p) {
        SortedMap<Integer, Long> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(bin(v), 1L, Long::sum));
        BinnedPercentile.Located located = BinnedPercentile.locate(counts, p);
        List<Double> read = values.stream().filter(v -> located.bins().contains(bin(v))).sorted().toList();
        return located.value(read);
    }

    @Test
    void shouldGiveExactlyWhatPercentileContGivesOverEveryValue() {
        Random random = new Random(11);
        for (int run = 0; run < 200; run++) {
            List<Double> values = new ArrayList<>();
            int n = 1 + random.nextInt(run < 20 ? 4 : 3000);
            for (int i = 0; i < n; i++) {
                // seconds from under one to a month, log-uniform, some repeated, some whole
                double v = Math.exp(random.nextDouble() * 15) - 1;
                values.add(random.nextInt(5) == 0 ? Math.floor(v) : v);
            }
            for (double p : new double[] {0, 0.1, 0.5, 0.9, 1}) {
                assertThat(binned(values, p)).as("run %d, p %s", run, p).isEqualTo(percentileCont(values, p));
            }
        }
    }

    @Test
    void shouldReadTwoBinsWhenTheMedianFallsBetweenThem() {
        // 60 s and 3 600 s: bins 16 and 32, the median half way
        List<Double> values = List.of(60.0, 3600.0);
        SortedMap<Integer, Long> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(bin(v), 1L, Long::sum));

        BinnedPercentile.Located median = BinnedPercentile.locate(counts, 0.5);

        assertThat(median.bins()).containsExactly(16, 32);
        assertThat(median.value(values)).isEqualTo(1830.0);
    }

    @Test
    void shouldReadOneBinWhenTheRankIsWholeAndSayNothingOfNoValues() {
        SortedMap<Integer, Long> counts = new TreeMap<>(Map.of(10, 3L, 20, 1L));

        BinnedPercentile.Located median = BinnedPercentile.locate(counts, 0.5);

        assertThat(median.bins()).containsExactly(10);
        assertThat(median.lower()).isEqualTo(1);
        assertThat(median.upper()).isEqualTo(2);
        assertThat(median.value(List.of(11.0, 12.0, 14.0))).isEqualTo(13.0);
        assertThat(BinnedPercentile.locate(new TreeMap<>(), 0.5)).isNull();
    }

    @Test
    void shouldGiveEachGroupsPercentilesFromTheBinsItNamesReadInAnyOrder() {
        Random random = new Random(12);
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        for (int g = 0; g < 30; g++) {
            List<Double> values = new ArrayList<>();
            int n = 1 + random.nextInt(g < 5 ? 3 : 500);
            for (int i = 0; i < n; i++) {
                values.add(Math.exp(random.nextDouble() * 12) - 10);
            }
            groups.put("g" + g, values);
        }
        Map<String, SortedMap<Integer, Long>> counts = new LinkedHashMap<>();
        groups.forEach((g, values) -> values.forEach(v -> counts.computeIfAbsent(g, k -> new TreeMap<>())
                .merge(bin(v), 1L, Long::sum)));

        BinnedPercentile.Grouped<String> grouped = new BinnedPercentile.Grouped<>(counts, 0.5, 0.9);
        // every value of the bins named, as a table scan would give them: in no particular order
        List<Integer> binOf = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        for (int i = 0; i < grouped.toRead().size(); i++) {
            BinnedPercentile.Bin<String> bin = grouped.toRead().get(i);
            for (double v : groups.get(bin.group())) {
                if (bin(v) == bin.bin()) {
                    binOf.add(i);
                    read.add(v);
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        order.forEach(i -> grouped.read(binOf.get(i), read.get(i)));

        assertThat(read.size()).isLessThan(groups.values().stream().mapToInt(List::size).sum() / 2);
        assertThat(grouped.counts()).containsOnlyKeys(groups.keySet());
        groups.forEach((g, values) -> {
            assertThat(grouped.counts().get(g)).isEqualTo(values.size());
            assertThat(grouped.percentiles(g)).as(g)
                    .containsExactly(percentileCont(values, 0.5), percentileCont(values, 0.9));
        });
        assertThat(grouped.percentiles("none")).isEmpty();
    }
}
