package io.leadstream.nurture.followups;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.leadstream.chassis.problem.Problem.FieldError;

/**
 * A follow-up's due time as the rep gave it, made an instant (a pure function, unit-tested in {@code DueTimeTest}).
 * <ul>
 * <li>{@code dueAt} is a local date-time ({@code 2026-12-04T10:00}, seconds optional) on the wall clock of
 * {@code timeZone}, or an ISO date-time with an offset or {@code Z} ({@code 2026-12-04T09:00:00Z}), which is that
 * instant whatever the zone;</li>
 * <li>{@code timeZone} is an IANA zone id ({@code Europe/Berlin}); without one, {@code fallback} (the token's
 * {@code zoneinfo} claim, else {@code leadstream.nurture.default-time-zone}). It is kept to show the due time back on
 * the rep's wall clock;</li>
 * <li>a local time the clocks skip (a daylight-saving gap: {@code 2026-03-29T02:30} in Europe/Berlin does not exist)
 * is moved later by the length of the gap ({@code 03:30} CEST), as {@link ZonedDateTime#ofLocal} does; a local time
 * that happens twice (the autumn overlap, {@code 2026-10-25T02:30} in Europe/Berlin) is the earlier of the two
 * instants (CEST, {@code 00:30Z}). The view's {@code dueLocal} shows what was kept.</li>
 * </ul>
 * Times are kept to the second.
 */
public final class DueTime {

    /** The longest time-zone id accepted. */
    public static final int MAX_ZONE = 64;

    /** The due instant and the zone it is shown in. */
    public record Due(Instant at, ZoneId zone) {
    }

    private DueTime() {
    }

    /** The due time; {@link #errors} says first what is wrong with the input, this assumes it is right. */
    public static Due of(String dueAt, String timeZone, ZoneId fallback) {
        List<FieldError> errors = errors(dueAt, timeZone);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.toString());
        }
        ZoneId zone = timeZone == null || timeZone.isBlank() ? fallback : ZoneId.of(timeZone.strip());
        String text = dueAt.strip();
        Instant at = hasOffset(text) ? OffsetDateTime.parse(text).toInstant()
                : ZonedDateTime.ofLocal(LocalDateTime.parse(text), zone, null).toInstant();
        return new Due(at.truncatedTo(ChronoUnit.SECONDS), zone);
    }

    /** What is wrong with the rep's due time and zone, as field errors (empty: nothing). */
    public static List<FieldError> errors(String dueAt, String timeZone) {
        List<FieldError> errors = new ArrayList<>();
        if (dueAt == null || dueAt.isBlank()) {
            errors.add(new FieldError("dueAt", "required: a local date-time such as 2026-12-04T10:00, or an ISO "
                    + "date-time with an offset"));
        } else if (dueAt.length() > 40 || !parses(dueAt.strip())) {
            errors.add(new FieldError("dueAt", "is not a date-time such as 2026-12-04T10:00 or "
                    + "2026-12-04T10:00:00+01:00"));
        }
        if (timeZone != null && !timeZone.isBlank() && zone(timeZone.strip()) == null) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone such as Europe/Berlin"));
        }
        return errors;
    }

    /** The zone named {@code id}, or null when it is no zone (or too long to be one). */
    public static ZoneId zone(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ZONE) {
            return null;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean hasOffset(String text) {
        int time = text.indexOf('T');
        if (time < 0) {
            return false;
        }
        String clock = text.substring(time);
        return clock.endsWith("Z") || clock.endsWith("z") || clock.indexOf('+') >= 0 || clock.indexOf('-') >= 0;
    }

    private static boolean parses(String text) {
        try {
            if (hasOffset(text)) {
                OffsetDateTime.parse(text);
            } else {
                LocalDateTime.parse(text);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
