package io.leadstream.nurture.messages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The hours in which nobody gets a message, in the lead's own time zone (a pure function). {@code from} and
 * {@code until} may cross midnight (21:00–08:00) or not (12:00–14:00); equal times mean no quiet hours. Local times a
 * daylight-saving change skips are taken as the first instant after the gap.
 */
public record QuietHours(LocalTime from, LocalTime until) {

    /** Empty when a message may go out at {@code at}; else the first instant it may. */
    public Optional<Instant> nextAllowed(Instant at, ZoneId zone) {
        if (from.equals(until)) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        if (from.isBefore(until)) { // e.g. 12:00-14:00, within one day
            if (!time.isBefore(from) && time.isBefore(until)) {
                return Optional.of(ZonedDateTime.of(date, until, zone).toInstant());
            }
            return Optional.empty();
        }
        // crosses midnight, e.g. 21:00-08:00
        if (!time.isBefore(from)) {
            return Optional.of(ZonedDateTime.of(date.plusDays(1), until, zone).toInstant());
        }
        if (time.isBefore(until)) {
            return Optional.of(ZonedDateTime.of(date, until, zone).toInstant());
        }
        return Optional.empty();
    }
}
