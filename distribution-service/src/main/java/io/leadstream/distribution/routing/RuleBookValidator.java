package io.leadstream.distribution.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadstream.chassis.problem.Problem.FieldError;

/**
 * Checks a rule book an admin sends; every problem names its field path ({@code rules[2].when.grades}) and, in the
 * message, the rule by name. Whether a named team or rep exists is the caller's to check (it needs the database).
 */
public final class RuleBookValidator {

    /** A rule name, a rep id (Keycloak username) or a team id. */
    public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    static final int MAX_RULES = 200;
    static final int MAX_VALUES = 200;
    static final int MAX_VALUE_LENGTH = 100;
    static final int MAX_WEIGHT = 1000;
    static final Set<String> GRADES = Set.of("A", "B", "C", "D");

    private RuleBookValidator() {
    }

    public static List<FieldError> validate(RuleBook book) {
        List<FieldError> errors = new ArrayList<>();
        if (book == null) {
            errors.add(new FieldError("", "a rule book is required: {\"rules\": [...], \"fallback\": {...}}"));
            return errors;
        }
        if (book.rules().size() > MAX_RULES) {
            errors.add(new FieldError("rules", "at most " + MAX_RULES + " rules"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < book.rules().size(); i++) {
            AssignmentRule rule = book.rules().get(i);
            String path = "rules[" + i + "]";
            if (rule == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            check(rule, path, errors);
            if (rule.name() != null && !names.add(rule.name())) {
                errors.add(new FieldError(path + ".name", named(rule) + "another rule has this name"));
            }
            if (RuleBook.DEFAULT_NAME.equals(rule.name())) {
                errors.add(new FieldError(path + ".name", "'default' names the fallback; choose another name"));
            }
        }
        if (book.fallback() == null) {
            errors.add(new FieldError("fallback", "is required: where a lead goes when no rule matches"));
        } else {
            check(book.fallback(), "fallback", errors);
            if (!Conditions.ANY.equals(book.fallback().when())) {
                errors.add(new FieldError("fallback.when", "the fallback applies when no rule matches; it has no conditions"));
            }
            if (book.fallback().reevaluateWhenQualified()) {
                errors.add(new FieldError("fallback.reevaluateWhenQualified",
                        "set it on a rule; a lead the fallback assigned is re-routed only if a rule says so"));
            }
        }
        return errors;
    }

    private static void check(AssignmentRule rule, String path, List<FieldError> errors) {
        String named = named(rule);
        if (rule.name() == null || !ID.matcher(rule.name()).matches()) {
            errors.add(new FieldError(path + ".name", "must be 1-64 lower-case letters, digits, '.', '_' or '-'"));
        }
        Target target = rule.target();
        if (target == null || target.type() == null) {
            errors.add(new FieldError(path + ".target", named + "a target {\"type\": ALL_REPS|TEAM|REP|QUEUE|PARTNER, \"id\"} is required"));
        } else if (target.type() == Target.Type.ALL_REPS) {
            if (target.id() != null) {
                errors.add(new FieldError(path + ".target.id", named + "ALL_REPS takes no id"));
            }
        } else if (target.id() == null || !ID.matcher(target.id()).matches()) {
            errors.add(new FieldError(path + ".target.id", named + "a " + target.type() + " target needs the "
                    + target.type().name().toLowerCase(java.util.Locale.ROOT).replace("_", " ") + " id"));
        }
        boolean queue = target != null && target.type() == Target.Type.QUEUE;
        boolean partner = target != null && target.type() == Target.Type.PARTNER;
        if (queue && rule.strategy() != null) {
            errors.add(new FieldError(path + ".strategy", named + "a QUEUE target takes no strategy: reps claim its leads"));
        } else if (partner && rule.strategy() != null) {
            errors.add(new FieldError(path + ".strategy", named + "a PARTNER target takes no strategy: the partner "
                    + "accepts or declines the lead"));
        } else if (!queue && !partner && rule.strategy() == null) {
            errors.add(new FieldError(path + ".strategy", named + "is required: ROUND_ROBIN, LOAD_BALANCED, WEIGHTED or OWNER"));
        }
        if (!rule.weights().isEmpty() && rule.strategy() != Strategy.WEIGHTED) {
            errors.add(new FieldError(path + ".weights", named + "weights apply to the WEIGHTED strategy only"));
        }
        for (Map.Entry<String, Integer> w : rule.weights().entrySet()) {
            if (w.getKey() == null || !ID.matcher(w.getKey()).matches()) {
                errors.add(new FieldError(path + ".weights", named + "'" + w.getKey() + "' is not a rep id"));
            } else if (w.getValue() == null || w.getValue() < 0 || w.getValue() > MAX_WEIGHT) {
                errors.add(new FieldError(path + ".weights." + w.getKey(), named + "must be 0-" + MAX_WEIGHT));
            }
        }
        checkConditions(rule.when(), path + ".when", named, errors);
    }

    private static void checkConditions(Conditions c, String path, String named, List<FieldError> errors) {
        values(c.products(), path + ".products", named, errors);
        values(c.segments(), path + ".segments", named, errors);
        values(c.sources(), path + ".sources", named, errors);
        values(c.channels(), path + ".channels", named, errors);
        values(c.campaigns(), path + ".campaigns", named, errors);
        values(c.partners(), path + ".partners", named, errors);
        values(c.languages(), path + ".languages", named, errors);
        values(c.owners(), path + ".owners", named, errors);
        values(c.countries(), path + ".countries", named, errors);
        c.countries().stream().filter(t -> !Territories.isKnown(t)).sorted().forEach(t -> errors.add(new FieldError(
                path + ".countries", named + "'" + t + "' is neither an ISO 3166-1 country code nor a known region")));
        c.grades().stream().filter(g -> !GRADES.contains(g)).sorted().forEach(g -> errors.add(new FieldError(
                path + ".grades", named + "unknown grade '" + g + "'; grades are A, B, C and D")));
        score(c.minScore(), path + ".minScore", named, errors);
        score(c.maxScore(), path + ".maxScore", named, errors);
        if (c.minScore() != null && c.maxScore() != null && c.minScore() > c.maxScore()) {
            errors.add(new FieldError(path + ".maxScore", named + "must not be below minScore"));
        }
    }

    private static void values(Set<String> values, String path, String named, List<FieldError> errors) {
        if (values.size() > MAX_VALUES) {
            errors.add(new FieldError(path, named + "at most " + MAX_VALUES + " values"));
        }
        if (values.stream().anyMatch(v -> v.isBlank() || v.length() > MAX_VALUE_LENGTH)) {
            errors.add(new FieldError(path, named + "values must be 1-" + MAX_VALUE_LENGTH + " characters"));
        }
    }

    private static void score(Integer score, String path, String named, List<FieldError> errors) {
        if (score != null && (score < 0 || score > 100)) {
            errors.add(new FieldError(path, named + "must be 0-100"));
        }
    }

    private static String named(AssignmentRule rule) {
        return rule.name() == null ? "" : "rule '" + rule.name() + "': ";
    }
}
