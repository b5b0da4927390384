package io.leadstream.insights.rollups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * An exact percentile, as PostgreSQL's {@code percentile_cont} gives it, of values counted per bin, where the bins are
 * ordered as the values are (a value's bin never goes down as the value goes up): the counts say which bins hold the
 * two values either side of the percentile, so only those bins' values need to be read. Pure.
 */
public final class BinnedPercentile {

    private BinnedPercentile() {
    }

    /**
     * Where the percentile lies: the bins whose values to read (one or two), and in those values sorted, the positions
     * of the two either side of it and how far between them it is.
     */
    public record Located(List<Integer> bins, int lower, int upper, double fraction) {

        /** The percentile from every value of {@link #bins}, sorted. */
        public double value(List<Double> sorted) {
            return between(sorted.get(lower), sorted.get(upper));
        }

        /** The percentile from every value of {@link #bins}, sorted. */
        public double value(double[] sorted) {
            return between(sorted[lower], sorted[upper]);
        }

        private double between(double first, double second) {
            // percentile_cont: first + (second - first) * fraction, the first alone when the rank is whole
            return lower == upper ? first : first + (second - first) * fraction;
        }
    }

    /** Percentile {@code p} (0..1) of the values counted per bin in {@code counts}; null when none was counted. */
    public static Located locate(SortedMap<Integer, Long> counts, double p) {
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        double position = p * (n - 1);
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        Integer lowerBin = null;
        long belowLowerBin = 0;
        long below = 0;
        for (Map.Entry<Integer, Long> bin : counts.entrySet()) {
            long count = bin.getValue();
            if (lowerBin == null && lower < below + count) {
                lowerBin = bin.getKey();
                belowLowerBin = below;
            }
            if (upper < below + count) {
                List<Integer> bins = bin.getKey().equals(lowerBin) ? List.of(lowerBin) : List.of(lowerBin, bin.getKey());
                return new Located(bins, (int) (lower - belowLowerBin), (int) (upper - belowLowerBin),
                        position - lower);
            }
            below += count;
        }
        throw new IllegalStateException("rank " + upper + " beyond the " + n + " values counted");
    }

    /** One bin of one group's values. */
    public record Bin<K>(K group, int bin) {
    }

    /**
     * Percentiles of several groups' values at once, each group's values counted per bin: {@link #toRead()} names the
     * bins whose values to read, {@link #read} takes them (in any order), {@link #percentiles} gives each group's.
     */
    public static final class Grouped<K> {

        private final Map<K, List<Located>> located = new LinkedHashMap<>();
        private final Map<K, Long> counted = new LinkedHashMap<>();
        private final List<Bin<K>> toRead;
        private final Map<Bin<K>, Integer> indexes = new HashMap<>();
        /** The values read per bin of {@link #toRead} (primitive: a year of a figure reads tens of thousands). */
        private final double[][] values;
        private final int[] sizes;

        /** Percentiles {@code ps} (each 0..1) of each group's values counted per bin (a group without any left out). */
        public Grouped(Map<K, ? extends SortedMap<Integer, Long>> counts, double... ps) {
            Set<Bin<K>> bins = new LinkedHashSet<>();
            counts.forEach((group, perBin) -> {
                List<Located> each = new ArrayList<>();
                for (double p : ps) {
                    Located l = locate(perBin, p);
                    if (l == null) {
                        return;
                    }
                    each.add(l);
                    l.bins().forEach(bin -> bins.add(new Bin<>(group, bin)));
                }
                located.put(group, each);
                counted.put(group, perBin.values().stream().mapToLong(Long::longValue).sum());
            });
            toRead = List.copyOf(bins);
            for (int i = 0; i < toRead.size(); i++) {
                indexes.put(toRead.get(i), i);
            }
            values = new double[toRead.size()][];
            sizes = new int[toRead.size()];
        }

        /** The bins whose values {@link #percentiles} needs, each once. */
        public List<Bin<K>> toRead() {
            return toRead;
        }

        /** A value of bin {@code toRead().get(index)}. */
        public void read(int index, double value) {
            double[] bin = values[index];
            if (bin == null || sizes[index] == bin.length) {
                values[index] = bin = bin == null ? new double[16] : Arrays.copyOf(bin, bin.length * 2);
            }
            bin[sizes[index]++] = value;
        }

        /** The groups with values, in the order given: how many values each has. */
        public Map<K, Long> counts() {
            return counted;
        }

        /** A group's percentiles in the order asked, from the values read (none read for it: an empty list). */
        public List<Double> percentiles(K group) {
            List<Double> result = new ArrayList<>();
            for (Located l : located.getOrDefault(group, List.of())) {
                // the bins hold ranges of values that do not overlap: their values sorted together are ranked as counted
                double[] sorted = new double[0];
                for (int bin : l.bins()) {
                    int i = indexes.get(new Bin<>(group, bin));
                    int before = sorted.length;
                    sorted = Arrays.copyOf(sorted, before + sizes[i]);
                    if (sizes[i] > 0) {
                        System.arraycopy(values[i], 0, sorted, before, sizes[i]);
                    }
                }
                Arrays.sort(sorted);
                result.add(l.value(sorted));
            }
            return result;
        }
    }
}
