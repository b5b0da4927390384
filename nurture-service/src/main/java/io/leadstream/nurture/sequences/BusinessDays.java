package io.leadstream.nurture.sequences;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Counting business days (a pure function): every day but Saturday, Sunday and the configured holidays, in a time
 * zone. A sequence step's delay is counted in them.
 */
public record BusinessDays(Set<DayOfWeek> weekend, Set<LocalDate> holidays) {

    public BusinessDays {
        weekend = Set.copyOf(weekend);
        holidays = Set.copyOf(holidays);
    }

    /** Monday to Friday, except {@code holidays}. */
    public static BusinessDays weekdays(Collection<LocalDate> holidays) {
        return new BusinessDays(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.copyOf(holidays));
    }

    public boolean isBusinessDay(LocalDate date) {
        return !weekend.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /**
     * The instant {@code days} business days after {@code from}, at the same local time in {@code zone}: each day after
     * {@code from}'s date that is a business day counts one ({@code from} on a Saturday plus one business day is the
     * Monday). 0 is {@code from} itself. A local time a daylight-saving change skips that day moves forward by the gap.
     */
    public Instant after(Instant from, int days, ZoneId zone) {
        if (days < 0) {
            throw new IllegalArgumentException("a delay of " + days + " business days");
        }
        if (days == 0) {
            return from;
        }
        ZonedDateTime start = from.atZone(zone);
        LocalDate date = start.toLocalDate();
        for (int left = days; left > 0;) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                left--;
            }
        }
        return ZonedDateTime.of(date, start.toLocalTime(), zone).toInstant();
    }
}
