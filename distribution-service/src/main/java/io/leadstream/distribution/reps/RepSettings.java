package io.leadstream.distribution.reps;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.distribution.routing.Territories;

/**
 * Everything an admin sets on a rep, normalised: text trimmed; products and segments trimmed, inner whitespace
 * collapsed and lower-case (as capture stores a lead's); languages lower-case, territories upper-case; every list
 * without repeats and sorted; the time zone as its canonical IANA id; each day's periods sorted; absences sorted.
 * Two requests that mean the same thing normalise to equal settings, which is how a repeated PUT is recognised.
 */
public record RepSettings(String displayName, boolean active, String teamId, List<String> products,
        List<String> segments, List<String> territories, List<String> languages, Integer dailyCapacity,
        Integer maxOpenLeads, Rep.Hours workingHours, List<Rep.Absence> outOfOffice) {

    /** A period's end at midnight: {@code to} is exclusive, and {@code LocalTime} has no 24:00. */
    static final String END_OF_DAY = "24:00";
    static final int MAX_LABEL_LENGTH = 100;
    static final int MAX_PERIODS_A_DAY = 10;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> ZONES_IGNORING_CASE = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), id -> id, (a, b) -> a));
    private static final Comparator<Rep.Period> BY_START = Comparator.comparing(Rep.Period::from);

    public RepSettings {
        products = List.copyOf(products);
        segments = List.copyOf(segments);
        territories = List.copyOf(territories);
        languages = List.copyOf(languages);
        outOfOffice = List.copyOf(outOfOffice);
    }

    /**
     * The settings of {@code command}, normalised; each offending field is added to {@code errors} with its path in
     * the request ({@code products[2]}, {@code workingHours.week.MONDAY[1]}, {@code outOfOffice[0].to}). Whether the
     * team exists is the caller's to check (it takes the database). The request's bean validation bounds the
     * sizes of the lists; the capacities' range is checked here as well (the database knows only "> 0").
     */
    static RepSettings normalise(RepService.SaveRep command, List<FieldError> errors) {
        String displayName = command.displayName() == null ? null : command.displayName().strip();
        if (displayName == null || displayName.isEmpty()) {
            errors.add(new FieldError("displayName", "must not be blank"));
        }
        String teamId = command.teamId() == null || command.teamId().isBlank() ? null : command.teamId().strip();
        return new RepSettings(displayName, command.active(), teamId,
                labels(command.products(), "products", RepSettings::label, code -> null, errors),
                labels(command.segments(), "segments", RepSettings::label, code -> null, errors),
                labels(command.territories(), "territories", text -> text.toUpperCase(Locale.ROOT),
                        code -> Territories.isKnown(code) ? null : "is neither an ISO 3166-1 alpha-2 country code "
                                + "(DE, GB, …) nor a region (" + String.join(", ", Territories.regions()) + ")",
                        errors),
                labels(command.languages(), "languages", text -> text.toLowerCase(Locale.ROOT),
                        code -> LANGUAGES.contains(code) ? null : "is not an ISO 639-1 language code (en, de, fr, …)",
                        errors),
                capacity(command.dailyCapacity(), "dailyCapacity", errors),
                capacity(command.maxOpenLeads(), "maxOpenLeads", errors),
                hours(command.workingHours(), errors),
                absences(command.outOfOffice(), errors));
    }

    /** Trimmed, inner whitespace collapsed, lower-case: how capture stores a lead's products and segment. */
    static String label(String text) {
        return SPACES.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /**
     * Each value trimmed and normalised, repeats dropped, sorted; a blank, too long or (by {@code check}, which
     * answers the message or null) invalid value is named by its index.
     */
    private static List<String> labels(List<String> values, String field, UnaryOperator<String> normalise,
            UnaryOperator<String> check, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        TreeSet<String> labels = new TreeSet<>();
        for (int i = 0; i < values.size(); i++) {
            String at = field + "[" + i + "]";
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                errors.add(new FieldError(at, "must not be blank"));
                continue;
            }
            String label = normalise.apply(value.strip());
            String problem = label.length() > MAX_LABEL_LENGTH ? "must be at most " + MAX_LABEL_LENGTH + " characters"
                    : check.apply(label);
            if (problem != null) {
                errors.add(new FieldError(at, problem));
            } else {
                labels.add(label);
            }
        }
        return List.copyOf(labels);
    }

    private static Integer capacity(Integer value, String field, List<FieldError> errors) {
        if (value != null && (value < 1 || value > RepService.MAX_CAPACITY)) {
            errors.add(new FieldError(field, "must be between 1 and " + RepService.MAX_CAPACITY));
        }
        return value;
    }

    /**
     * The hours with the zone's canonical id and, by day in week order, the periods sorted by start. A day name
     * that is not a {@link DayOfWeek}, a period that does not end after it starts, or one that overlaps another of
     * its day is named ({@code workingHours.week.MONDAY[1]}); a day without periods is dropped (a day off).
     */
    private static Rep.Hours hours(Rep.Hours hours, List<FieldError> errors) {
        if (hours == null) {
            return null;
        }
        String zone = hours.timeZone() == null ? null : ZONES_IGNORING_CASE.get(hours.timeZone().strip()
                .toLowerCase(Locale.ROOT));
        if (zone == null) {
            errors.add(new FieldError("workingHours.timeZone",
                    "is not an IANA time zone id (Europe/Berlin, America/New_York, …)"));
        }
        Map<DayOfWeek, List<Rep.Period>> days = new TreeMap<>();
        Map<String, List<Rep.Period>> week = hours.week() == null ? Map.of() : hours.week();
        week.forEach((day, periods) -> {
            String field = "workingHours.week." + day;
            DayOfWeek dayOfWeek = Arrays.stream(DayOfWeek.values()).filter(d -> d.name().equals(day)).findFirst()
                    .orElse(null);
            if (dayOfWeek == null) {
                errors.add(new FieldError(field, "is not a day of the week (MONDAY, TUESDAY, …, SUNDAY)"));
                return;
            }
            List<Rep.Period> checked = periods(periods, field, errors);
            if (!checked.isEmpty()) {
                days.put(dayOfWeek, checked);
            }
        });
        if (days.isEmpty() && errors.stream().noneMatch(e -> e.field().startsWith("workingHours.week"))) {
            errors.add(new FieldError("workingHours.week", "must have at least one working period; "
                    + "send workingHours null for a rep without working hours"));
        }
        Map<String, List<Rep.Period>> normalised = new LinkedHashMap<>();
        days.forEach((day, periods) -> normalised.put(day.name(), periods));
        return new Rep.Hours(zone, normalised);
    }

    private static List<Rep.Period> periods(List<Rep.Period> periods, String field, List<FieldError> errors) {
        if (periods == null) {
            return List.of();
        }
        if (periods.size() > MAX_PERIODS_A_DAY) {
            errors.add(new FieldError(field, "must have at most " + MAX_PERIODS_A_DAY + " periods"));
            return List.of();
        }
        List<Rep.Period> valid = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            String at = field + "[" + i + "]";
            Rep.Period period = periods.get(i);
            if (period == null) {
                errors.add(new FieldError(at, "must be a period {\"from\": \"HH:mm\", \"to\": \"HH:mm\"}"));
                continue;
            }
            boolean fromOk = period.from() != null && HH_MM.matcher(period.from().strip()).matches();
            boolean toOk = period.to() != null && (HH_MM.matcher(period.to().strip()).matches()
                    || END_OF_DAY.equals(period.to().strip()));
            if (!fromOk) {
                errors.add(new FieldError(at + ".from", "must be a time of day HH:mm (00:00 to 23:59)"));
            }
            if (!toOk) {
                errors.add(new FieldError(at + ".to", "must be a time of day HH:mm (00:01 to 24:00)"));
            }
            if (!fromOk || !toOk) {
                continue;
            }
            Rep.Period p = new Rep.Period(period.from().strip(), period.to().strip());
            // "HH:mm" strings (with 24:00 last) order as the times they name
            if (p.from().compareTo(p.to()) >= 0) {
                errors.add(new FieldError(at, "must end after it starts (" + p.from() + "-" + p.to() + "); split a "
                        + "period past midnight into two days"));
                continue;
            }
            for (int j = 0; j < valid.size(); j++) {
                Rep.Period other = valid.get(j);
                if (p.from().compareTo(other.to()) < 0 && other.from().compareTo(p.to()) < 0) {
                    errors.add(new FieldError(at, "overlaps " + field.substring(field.lastIndexOf('.') + 1) + "["
                            + indexes.get(j) + "] (" + other.from() + "-" + other.to() + ")"));
                    break;
                }
            }
            valid.add(p);
            indexes.add(i);
        }
        return valid.stream().sorted(BY_START).toList();
    }

    /** Each absence checked ({@code outOfOffice[0].from}, {@code outOfOffice[0]} when it ends before it starts). */
    private static List<Rep.Absence> absences(List<Rep.Absence> absences, List<FieldError> errors) {
        if (absences == null) {
            return List.of();
        }
        TreeSet<Rep.Absence> sorted = new TreeSet<>(Comparator.comparing(Rep.Absence::from)
                .thenComparing(Rep.Absence::to));
        for (int i = 0; i < absences.size(); i++) {
            String at = "outOfOffice[" + i + "]";
            Rep.Absence absence = absences.get(i);
            if (absence == null) {
                errors.add(new FieldError(at, "must be a period {\"from\": \"yyyy-mm-dd\", \"to\": \"yyyy-mm-dd\"}"));
                continue;
            }
            LocalDate from = date(absence.from(), at + ".from", errors);
            LocalDate to = date(absence.to(), at + ".to", errors);
            if (from == null || to == null) {
                continue;
            }
            if (to.isBefore(from)) {
                errors.add(new FieldError(at, "must end on or after the day it starts (" + from + " to " + to + ")"));
                continue;
            }
            sorted.add(new Rep.Absence(from.toString(), to.toString()));
        }
        return List.copyOf(sorted);
    }

    private static LocalDate date(String text, String field, List<FieldError> errors) {
        if (text != null && DATE.matcher(text.strip()).matches()) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeException e) {
                // an impossible day (2026-02-30): named below
            }
        }
        errors.add(new FieldError(field, "must be a date yyyy-mm-dd"));
        return null;
    }
}
