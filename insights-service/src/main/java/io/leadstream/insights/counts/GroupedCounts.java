package io.leadstream.insights.counts;

import java.time.ZoneId;
import java.util.List;

import io.leadstream.insights.periods.Bucket;
import io.leadstream.insights.periods.Period;
import io.leadstream.insights.periods.TimeRange;

/**
 * Leads captured in {@code range}, per bucket of {@code period} on {@code zone}'s calendar (every bucket, empty ones as
 * zeros) and, with {@code groupBy}, per key ({@code keys}: every key seen in the range, in order; null for leads
 * without one): how many, and how many of them have been qualified.
 */
public record GroupedCounts(TimeRange range, Period period, ZoneId zone, GroupBy groupBy, List<String> keys,
        List<BucketCounts> buckets) {

    /** How many leads, and how many of them qualified. */
    public record Counts(long leads, long qualified) {

        static final Counts ZERO = new Counts(0, 0);
    }

    /** One bucket: its total and, in the order of {@code keys}, each key's counts. */
    public record BucketCounts(Bucket bucket, Counts total, List<Counts> byKey) {
    }
}
