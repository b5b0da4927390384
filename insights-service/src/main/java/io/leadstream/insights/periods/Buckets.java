package io.leadstream.insights.periods;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The buckets that cover [{@code from}, {@code to}) on the calendar of a time zone, every one of them, so that a
 * figure shows an empty bucket as zero rather than leaving it out (a pure function). The first bucket is the one
 * {@code from} falls in, the last the one the instant before {@code to} falls in; each starts at local midnight of
 * its first day (or the first instant after it, where a daylight-saving change skips midnight).
 */
public record Buckets(Period period, ZoneId zone, List<Bucket> list) {

    /** The most buckets one answer may have (ten years of days is 3 653). */
    public static final int MAX = 4000;

    /** The buckets covering [from, to); empty when from equals to. More than {@link #MAX}: IllegalArgumentException. */
    public static Buckets covering(Instant from, Instant to, Period period, ZoneId zone) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        List<Bucket> list = new ArrayList<>();
        if (from.equals(to)) {
            return new Buckets(period, zone, List.of());
        }
        LocalDate last = period.start(LocalDate.ofInstant(to.minusNanos(1), zone));
        for (LocalDate start = period.start(LocalDate.ofInstant(from, zone)); !start.isAfter(last);
                start = period.next(start)) {
            if (list.size() == MAX) {
                throw new IllegalArgumentException("more than " + MAX + " " + period.name().toLowerCase() + "s");
            }
            list.add(new Bucket(start, period.label(start), start.atStartOfDay(zone).toInstant(),
                    period.next(start).atStartOfDay(zone).toInstant()));
        }
        return new Buckets(period, zone, List.copyOf(list));
    }

    /** The bucket {@code at} falls in, or null when it is outside them all. */
    public Bucket of(Instant at) {
        for (Bucket b : list) {
            if (!at.isBefore(b.from()) && at.isBefore(b.to())) {
                return b;
            }
        }
        return null;
    }

    /**
     * Every bucket with its value: what {@code found} holds for its first local day (as a database grouping by
     * {@code date_trunc} in the zone answers), else {@code zero}.
     */
    public <T> Map<Bucket, T> fill(Map<LocalDate, T> found, Function<Bucket, T> zero) {
        Map<Bucket, T> filled = new LinkedHashMap<>();
        for (Bucket b : list) {
            T value = found.get(b.start());
            filled.put(b, value != null ? value : zero.apply(b));
        }
        return filled;
    }
}
