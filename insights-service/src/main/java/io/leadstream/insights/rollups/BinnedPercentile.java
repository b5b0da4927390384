package io.leadstream.insights.rollups;

import java.util.List;
import java.util.Map;
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
            double first = sorted.get(lower);
            // percentile_cont: first + (second - first) * fraction, the first alone when the rank is whole
            return lower == upper ? first : first + (sorted.get(upper) - first) * fraction;
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
}
