package io.leadstream.distribution.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When someone works, week by week, on the wall clock of their time zone: for each day of the week the periods
 * worked (none: a day off). Pure; the holiday calendar and business-time arithmetic build on it.
 */
public record WorkingHours(ZoneId zone, Map<DayOfWeek, List<TimeRange>> week) {

    public WorkingHours {
        Objects.requireNonNull(zone, "zone");
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        if (week != null) {
            week.forEach((day, periods) -> copy.put(day, periods == null ? List.of() : List.copyOf(periods)));
        }
        week = Map.copyOf(copy);
    }

    /** Monday to Friday, 09:00–17:00 in {@code zone}: the business hours an SLA counts for a rep who has set none. */
    public static WorkingHours officeHours(ZoneId zone) {
        List<TimeRange> day = List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).forEach(d -> week.put(d, day));
        return new WorkingHours(zone, week);
    }

    /** The periods worked on {@code day}, in the order given (empty: a day off). */
    public List<TimeRange> on(DayOfWeek day) {
        return week.getOrDefault(day, List.of());
    }

    /** Whether {@code instant} falls in a working period, read on the wall clock of {@link #zone()}. */
    public boolean isWorkingAt(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return on(local.getDayOfWeek()).stream().anyMatch(p -> p.contains(local.toLocalTime()));
    }
}
