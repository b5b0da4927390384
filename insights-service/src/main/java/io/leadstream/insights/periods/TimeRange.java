package io.leadstream.insights.periods;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * The half-open period [from, to) a figure covers. Each end is an ISO date ({@code 2026-11-01}, the start
 * of that day in UTC) or an instant with offset ({@code 2026-11-01T08:00:00Z}); by default the last 30 days
 * up to now. Unreadable ends and {@code from} after {@code to} are 400 problems naming the field.
 */
public record TimeRange(Instant from, Instant to) {

    public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    static final String FORMAT = "must be an ISO date (2026-11-01) or instant (2026-11-01T08:00:00Z)";

    public static TimeRange parse(String from, String to, Instant now) {
        return parse(from, to, now, ZoneOffset.UTC);
    }

    /** As {@link #parse(String, String, Instant)}, with an ISO date meaning the start of that day in {@code zone}. */
    public static TimeRange parse(String from, String to, Instant now, ZoneId zone) {
        List<FieldError> errors = new ArrayList<>();
        Instant end = isBlank(to) ? now : instant("to", to, zone, errors);
        Instant start = isBlank(from) ? (end == null ? null : end.minus(DEFAULT_LENGTH))
                : instant("from", from, zone, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation",
                    errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
        }
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("invalid-range", "from (" + start + ") is after to (" + end + ")",
                    List.of(new FieldError("from", "must not be after to")));
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String field, String text, ZoneId zone, List<FieldError> errors) {
        // an unencoded '+' of an offset arrives as a space in a query string
        String value = text.trim().replace(' ', '+');
        try {
            return value.contains("T")
                    ? OffsetDateTime.parse(value).toInstant()
                    : LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, FORMAT));
            return null;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
