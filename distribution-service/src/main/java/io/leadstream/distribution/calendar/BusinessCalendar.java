package io.leadstream.distribution.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Business time: {@link WorkingHours} less holidays (whole days off, dates in the working hours' zone). Pure.
 * <p>
 * A working period is every instant whose wall clock in the zone reads within its {@link TimeRange} on that date,
 * so a day when the clocks change has its real length: 09:00–17:00 is 8 h; 01:00–04:00 is 2 h when the clocks
 * skip 02:00–03:00 and 4 h when they repeat it; a period starting at a time the clocks skip opens when they land.
 * Searches ahead give up after {@link #HORIZON} of days.
 */
public record BusinessCalendar(WorkingHours hours, Set<LocalDate> holidays) {

    /** How far after its start a search for business time goes before it gives up. */
    public static final Period HORIZON = Period.ofYears(3);

    public BusinessCalendar {
        Objects.requireNonNull(hours, "hours");
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        if (Arrays.stream(DayOfWeek.values()).allMatch(day -> hours.on(day).isEmpty())) {
            throw new IllegalArgumentException(
                    "working hours in " + hours.zone() + " have no working period in the week: business time would never pass");
        }
    }

    /** The working hours with no holidays. */
    public static BusinessCalendar of(WorkingHours hours) {
        return new BusinessCalendar(hours, Set.of());
    }

    public ZoneId zone() {
        return hours.zone();
    }

    /** Whether {@code instant} falls in a working period on a day that is not a holiday. */
    public boolean isOpen(Instant instant) {
        return !holidays.contains(dateOf(instant)) && hours.isWorkingAt(instant);
    }

    /** {@code instant} itself when open, else the start of the next working period; empty when none within the horizon. */
    public Optional<Instant> nextOpening(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return periodsFrom(instant, dateOf(instant).plus(HORIZON)).findFirst().map(Span::open);
    }

    /**
     * The instant when {@code businessTime} has elapsed after {@code start}, counting from the next opening when
     * {@code start} is outside hours: the end of a period when it ends there (Friday 17:00, not Monday 09:00).
     * Zero: the next opening.
     *
     * @throws IllegalArgumentException when {@code businessTime} is negative or does not elapse within the horizon
     */
    public Instant plus(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(businessTime, "businessTime");
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("business time must not be negative: " + businessTime);
        }
        Duration left = businessTime;
        Iterator<Span> periods = periodsFrom(start, dateOf(start).plus(HORIZON)).iterator();
        while (periods.hasNext()) {
            Span period = periods.next();
            if (left.isZero()) {
                return period.open();
            }
            Duration length = period.length();
            if (length.compareTo(left) >= 0) {
                return period.open().plus(left);
            }
            left = left.minus(length);
        }
        String within = " within " + HORIZON.getYears() + " years after " + start;
        throw new IllegalArgumentException((businessTime.isZero() ? "no working period opens" + within
                : businessTime + " of business time does not elapse" + within)
                + ": the calendar (" + zone() + ", " + holidays.size() + " holidays) is open too little");
    }

    /** The business time elapsed from {@code from} to {@code to}; zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        return periodsFrom(from, dateOf(to))
                .takeWhile(period -> period.open().isBefore(to))
                .map(period -> period.close().isAfter(to) ? new Span(period.open(), to) : period)
                .map(Span::length)
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The working periods from {@code start} (a period under way cut to begin there) on the dates up to {@code lastDate}, in order. */
    private Stream<Span> periodsFrom(Instant start, LocalDate lastDate) {
        // Dates are walked in order, which is the order of their instants unless the clocks go back across midnight.
        return Stream.iterate(dateOf(start), date -> !date.isAfter(lastDate), date -> date.plusDays(1))
                .flatMap(date -> periodsOn(date).stream())
                .filter(period -> period.close().isAfter(start))
                .map(period -> period.open().isBefore(start) ? new Span(start, period.close()) : period);
    }

    /** The working periods of {@code date}, in order, overlapping or touching ones merged; none on a holiday. */
    private List<Span> periodsOn(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        for (TimeRange range : hours.on(date.getDayOfWeek())) {
            spans.addAll(readingBetween(date.atTime(range.from()), date.atTime(range.to())));
        }
        spans.sort(Comparator.comparing(Span::open));
        List<Span> merged = new ArrayList<>();
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !span.open().isAfter(last.close())) {
                merged.set(merged.size() - 1, new Span(last.open(), later(last.close(), span.close())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /**
     * The instants whose wall clock reads from {@code from} (inclusive) to {@code to} (exclusive): one span per offset
     * in force between them (two when the clocks change in between, none when they skip the whole range).
     */
    private List<Span> readingBetween(LocalDateTime from, LocalDateTime to) {
        ZoneRules rules = zone().getRules();
        List<Span> spans = new ArrayList<>(2);
        Instant cursor = from.toInstant(ZoneOffset.MAX); // no earlier instant reads from or later
        Instant end = to.toInstant(ZoneOffset.MIN); // no later instant reads before to
        while (cursor.isBefore(end)) {
            ZoneOffset offset = rules.getOffset(cursor);
            ZoneOffsetTransition next = rules.nextTransition(cursor);
            Instant stretchEnd = next == null || next.getInstant().isAfter(end) ? end : next.getInstant();
            Instant open = later(cursor, from.toInstant(offset));
            Instant close = earlier(stretchEnd, to.toInstant(offset));
            if (open.isBefore(close)) {
                spans.add(new Span(open, close));
            }
            cursor = stretchEnd;
        }
        return spans;
    }

    private LocalDate dateOf(Instant instant) {
        return instant.atZone(zone()).toLocalDate();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A stretch of business time: {@code open} inclusive, {@code close} exclusive. */
    private record Span(Instant open, Instant close) {

        Duration length() {
            return Duration.between(open, close);
        }
    }
}
