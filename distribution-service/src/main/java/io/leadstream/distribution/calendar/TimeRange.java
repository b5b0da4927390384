package io.leadstream.distribution.calendar;

import java.time.LocalTime;
import java.util.Objects;

/** Part of a working day, on the wall clock of the rep's time zone: {@code from} inclusive, {@code to} exclusive. */
public record TimeRange(LocalTime from, LocalTime to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a working period must end after it starts: " + from + "-" + to);
        }
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(from) && time.isBefore(to);
    }
}
