package io.leadstream.insights.rollups;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.leadstream.insights.periods.TimeRange;

/**
 * Ranges of capture time (a figure's range, or each of its buckets, numbered from 0 in the order given) cut into the
 * whole UTC days in them, read from the daily rollups, and the parts of days at their ends, read from
 * {@code lead_fact}. A range within two UTC days (a local day, say) is all parts. The whole UTC months among the days
 * are a span of their own (read from the monthly rollup where there is one), the days before and after them one each.
 */
public record DaySlices(List<Days> days, List<Part> parts) {

    /** Range {@code n}'s whole UTC days {@code [first, stop)}: whole months when both are a month's first day. */
    public record Days(int n, LocalDate first, LocalDate stop) {
    }

    /** A part {@code [from, to)} of range {@code n} that is less than a whole UTC day. */
    public record Part(int n, Instant from, Instant to) {
    }

    public static DaySlices of(List<TimeRange> ranges) {
        List<Days> days = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (int n = 0; n < ranges.size(); n++) {
            Instant from = ranges.get(n).from();
            Instant to = ranges.get(n).to();
            Instant floorFrom = from.truncatedTo(ChronoUnit.DAYS);
            Instant first = floorFrom.equals(from) ? from : floorFrom.plus(Duration.ofDays(1));
            Instant stop = to.truncatedTo(ChronoUnit.DAYS);
            if (first.isBefore(stop)) {
                days.addAll(months(n, date(first), date(stop)));
                if (from.isBefore(first)) {
                    parts.add(new Part(n, from, first));
                }
                if (stop.isBefore(to)) {
                    parts.add(new Part(n, stop, to));
                }
            } else if (from.isBefore(to)) {
                parts.add(new Part(n, from, to));
            }
        }
        return new DaySlices(List.copyOf(days), List.copyOf(parts));
    }

    /** One range. */
    public static DaySlices of(TimeRange range) {
        return of(List.of(range));
    }

    /** Every range all parts, read from the facts alone (what a rollup does not break down). */
    public static DaySlices factsOnly(List<TimeRange> ranges) {
        List<Part> parts = new ArrayList<>();
        for (int n = 0; n < ranges.size(); n++) {
            if (ranges.get(n).from().isBefore(ranges.get(n).to())) {
                parts.add(new Part(n, ranges.get(n).from(), ranges.get(n).to()));
            }
        }
        return new DaySlices(List.of(), List.copyOf(parts));
    }

    /** [first, stop) as its whole UTC months in one span, and the days before and after them in one each. */
    private static List<Days> months(int n, LocalDate first, LocalDate stop) {
        LocalDate firstMonth = first.getDayOfMonth() == 1 ? first : first.withDayOfMonth(1).plusMonths(1);
        LocalDate stopMonth = stop.withDayOfMonth(1);
        if (!firstMonth.isBefore(stopMonth)) {
            return List.of(new Days(n, first, stop));
        }
        List<Days> spans = new ArrayList<>();
        if (first.isBefore(firstMonth)) {
            spans.add(new Days(n, first, firstMonth));
        }
        spans.add(new Days(n, firstMonth, stopMonth));
        if (stopMonth.isBefore(stop)) {
            spans.add(new Days(n, stopMonth, stop));
        }
        return spans;
    }

    private static LocalDate date(Instant midnight) {
        return LocalDate.ofInstant(midnight, ZoneOffset.UTC);
    }
}
