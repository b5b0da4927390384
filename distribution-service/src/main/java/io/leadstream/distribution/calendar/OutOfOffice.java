package io.leadstream.distribution.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/** A period someone is away: whole days, {@code from} to {@code to} inclusive, in their own time zone. */
public record OutOfOffice(LocalDate from, LocalDate to) {

    public OutOfOffice {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("an absence must end on or after the day it starts: " + from + ".." + to);
        }
    }

    /** Whether {@code instant}, read as a date in {@code zone}, falls in this absence. */
    public boolean covers(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
