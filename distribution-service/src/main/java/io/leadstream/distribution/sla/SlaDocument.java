package io.leadstream.distribution.sla;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.chassis.problem.Problem.FieldError;

/**
 * The SLAs as an admin writes them ({@code PUT /api/sla}) and as they are stored: durations as text ({@code "4h"},
 * {@code "90m"}, ISO-8601 {@code "PT4H"}), business time in hours and minutes — never days, whose length depends on
 * the working hours. {@link #parse()} checks all of it at once and names every offending field.
 */
@Schema(name = "SlaSettings", description = "first-touch and next-touch targets in business time, and what happens on "
        + "a breach; per assignment rule, per pull queue, and a default for every other assignment")
public record SlaDocument(
        @Schema(description = "for assignments no rule or queue policy covers (a manager's choice, the default rule, a "
                + "merge); null: no SLA for them", nullable = true) Policy defaultPolicy,
        @Schema(description = "by assignment rule name") Map<String, Policy> rules,
        @Schema(description = "by pull queue name: counts from the claim") Map<String, Policy> queues,
        @Schema(description = "IANA time zone of the office hours (Monday to Friday, 09:00–17:00) for reps without "
                + "working hours of their own", examples = "Europe/Berlin") String timeZone,
        @Schema(description = "company holidays, yyyy-mm-dd, read in each rep's time zone: no business time passes")
        List<String> holidays) {

    /** The most holidays one document holds (ten years of public holidays). */
    public static final int MAX_HOLIDAYS = 200;
    /** The most rule and queue policies one document holds. */
    public static final int MAX_POLICIES = 200;

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*(m|min|h)");

    /** One SLA, as text. */
    @Schema(name = "SlaPolicy")
    public record Policy(
            @Schema(description = "from assignment (or claim) to the rep's first contact", examples = "4h") String firstTouch,
            @Schema(description = "from one contact to the next", examples = "16h") String nextTouch,
            @Schema(description = "after the breach (the rep is reminded at once): the team's manager is told; null: "
                    + "never", nullable = true, examples = "2h") String escalateAfter,
            @Schema(description = "after the breach: the lead goes to another rep by the rules; null: never",
                    nullable = true, examples = "8h") String reassignAfter) {

        /** The policy as stored (valid: it was checked before it was stored). */
        public SlaPolicy parsed() {
            List<FieldError> errors = new ArrayList<>();
            SlaPolicy p = new SlaPolicy(duration("firstTouch", firstTouch, errors), duration("nextTouch", nextTouch, errors),
                    duration("escalateAfter", escalateAfter, errors), duration("reassignAfter", reassignAfter, errors));
            if (!errors.isEmpty()) {
                throw new IllegalStateException("stored SLA policy is invalid: " + errors);
            }
            return p;
        }

        static Policy of(SlaPolicy p) {
            return new Policy(text(p.firstTouch()), text(p.nextTouch()), text(p.escalateAfter()),
                    text(p.reassignAfter()));
        }
    }

    /** What an installation starts with: every assignment touched within 4 business hours, again within 16. */
    public static SlaDocument builtIn() {
        return new SlaDocument(new Policy("4h", "16h", "4h", null), Map.of(), Map.of(), "UTC", List.of());
    }

    /** The settings, or what is wrong with this document. */
    public sealed interface Parsed {
    }

    public record Valid(SlaSettings settings, SlaDocument normalised) implements Parsed {
    }

    public record Invalid(List<FieldError> errors) implements Parsed {
    }

    public Parsed parse() {
        List<FieldError> errors = new ArrayList<>();
        SlaPolicy fallback = defaultPolicy == null ? null : policy("defaultPolicy", defaultPolicy, errors);
        Map<String, SlaPolicy> byRule = policies("rules", rules, errors);
        Map<String, SlaPolicy> byQueue = policies("queues", queues, errors);
        ZoneId zone = null;
        if (timeZone == null || timeZone.isBlank()) {
            errors.add(new FieldError("timeZone", "is required (an IANA time zone such as Europe/Berlin)"));
        } else {
            try {
                zone = ZoneId.of(timeZone.strip());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "'" + timeZone + "' is not an IANA time zone (Europe/Berlin)"));
            }
        }
        TreeSet<LocalDate> days = new TreeSet<>();
        List<String> given = holidays == null ? List.of() : holidays;
        if (given.size() > MAX_HOLIDAYS) {
            errors.add(new FieldError("holidays", "at most " + MAX_HOLIDAYS + " dates"));
        } else {
            for (int i = 0; i < given.size(); i++) {
                try {
                    days.add(LocalDate.parse(given.get(i) == null ? "" : given.get(i).strip()));
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("holidays[" + i + "]", "'" + given.get(i) + "' is not a date (yyyy-mm-dd)"));
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        SlaSettings settings = new SlaSettings(fallback, byRule, byQueue, zone, days);
        return new Valid(settings, of(settings));
    }

    /** The stored form of {@code settings}: durations written out the short way, names and dates sorted. */
    public static SlaDocument of(SlaSettings settings) {
        Map<String, Policy> byRule = new TreeMap<>();
        settings.rules().forEach((name, p) -> byRule.put(name, Policy.of(p)));
        Map<String, Policy> byQueue = new TreeMap<>();
        settings.queues().forEach((name, p) -> byQueue.put(name, Policy.of(p)));
        return new SlaDocument(settings.defaultPolicy() == null ? null : Policy.of(settings.defaultPolicy()), byRule,
                byQueue, settings.timeZone().getId(), new TreeSet<>(settings.holidays()).stream()
                        .map(LocalDate::toString).toList());
    }

    private static Map<String, SlaPolicy> policies(String field, Map<String, Policy> given, List<FieldError> errors) {
        Map<String, SlaPolicy> parsed = new LinkedHashMap<>();
        if (given == null) {
            return parsed;
        }
        if (given.size() > MAX_POLICIES) {
            errors.add(new FieldError(field, "at most " + MAX_POLICIES + " policies"));
            return parsed;
        }
        given.forEach((name, policy) -> {
            String at = field + "." + name;
            if (name == null || name.isBlank()) {
                errors.add(new FieldError(field, "a policy needs a name"));
            } else if (policy == null) {
                errors.add(new FieldError(at, "is required"));
            } else {
                SlaPolicy p = policy(at, policy, errors);
                if (p != null) {
                    parsed.put(name, p);
                }
            }
        });
        return parsed;
    }

    /** The policy, or null with its errors (each named {@code at.firstTouch} and so on) added. */
    private static SlaPolicy policy(String at, Policy given, List<FieldError> errors) {
        int before = errors.size();
        Duration first = duration(at + ".firstTouch", given.firstTouch(), errors);
        Duration next = duration(at + ".nextTouch", given.nextTouch(), errors);
        Duration escalate = duration(at + ".escalateAfter", given.escalateAfter(), errors);
        Duration reassign = duration(at + ".reassignAfter", given.reassignAfter(), errors);
        if (errors.size() > before) {
            return null;
        }
        SlaPolicy policy = new SlaPolicy(first, next, escalate, reassign);
        policy.validate().forEach(e -> errors.add(new FieldError(at + "." + e.field(), e.message())));
        return errors.size() > before ? null : policy;
    }

    /** Null for null (SlaPolicy says whether that is allowed); a duration of business hours and minutes. */
    static Duration duration(String field, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT.matcher(t);
        if (shortForm.matches()) {
            long n = Long.parseLong(shortForm.group(1));
            return shortForm.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
        }
        if (t.startsWith("p") && !t.contains("d") && t.contains("t")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // named below
            }
        }
        errors.add(new FieldError(field, "'" + text + "' is not business time in hours or minutes (4h, 90m, PT4H); "
                + "days are not accepted: a working day of 09:00–17:00 is 8h"));
        return null;
    }

    /** The short form: {@code 4h}, {@code 90m}; null for null. */
    static String text(Duration d) {
        if (d == null) {
            return null;
        }
        return d.toMinutes() % 60 == 0 && d.toSecondsPart() == 0 ? d.toHours() + "h"
                : d.toSecondsPart() == 0 ? d.toMinutes() + "m" : d.toString();
    }
}
