package io.leadstream.scoring.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.leadstream.scoring.engine.Reason.Part;
import io.leadstream.scoring.engine.RuleSet.Condition;
import io.leadstream.scoring.engine.RuleSet.Field;
import io.leadstream.scoring.engine.RuleSet.FitRule;

/** Fit: every fit rule whose condition holds adds its points (rules are independent; each matching rule counts). */
final class FitPart {

    private FitPart() {
    }

    static List<Reason> reasons(List<FitRule> rules, LeadAttributes lead) {
        List<Reason> reasons = new ArrayList<>();
        for (FitRule rule : rules) {
            if (rule.points() != 0 && matches(rule.when(), lead)) {
                reasons.add(new Reason(rule.code(), Part.FIT, rule.points(), rule.detail()));
            }
        }
        return reasons;
    }

    static boolean matches(Condition c, LeadAttributes lead) {
        Field field = Field.of(c.field());
        Object actual = valueOf(field, c.field(), lead);
        return switch (c.op()) {
            case PRESENT -> present(actual);
            case ABSENT -> !present(actual);
            case EQUALS -> actual != null && !(actual instanceof Collection) && same(actual, c.value());
            case NOT_EQUALS -> actual == null || !same(actual, c.value());
            case IN -> actual != null && list(c.value()).stream().anyMatch(v -> same(actual, v));
            case CONTAINS -> actual instanceof Collection<?> values && values.stream().anyMatch(v -> same(v, c.value()));
            case CONTAINS_ANY -> actual instanceof Collection<?> values
                    && values.stream().anyMatch(v -> list(c.value()).stream().anyMatch(w -> same(v, w)));
            case AT_LEAST -> compare(field, actual, c, lead) >= 0;
            case BELOW -> {
                int cmp = compare(field, actual, c, lead);
                yield cmp != Integer.MIN_VALUE && cmp < 0;
            }
        };
    }

    private static Object valueOf(Field field, String name, LeadAttributes lead) {
        return switch (field) {
            case SOURCE -> lead.source();
            case PARTNER -> lead.partnerId();
            case COUNTRY -> lead.country();
            case LANGUAGE -> lead.language();
            case SEGMENT -> lead.segment();
            case CAMPAIGN -> lead.campaign();
            case COMPANY -> lead.company();
            case JOB_SENIORITY -> {
                JobSeniority s = JobSeniority.of(lead.jobTitle());
                yield s == null ? null : s.name();
            }
            case PRODUCTS -> lead.products();
            case TAGS -> lead.tags();
            case DEAL_SIZE -> lead.dealSize() == null ? null : lead.dealSize().amount();
            case CUSTOM -> lead.customQualifiers().get(name.substring(Field.CUSTOM.key.length()));
        };
    }

    private static boolean present(Object actual) {
        return actual != null && !(actual instanceof Collection<?> c && c.isEmpty())
                && !(actual instanceof String s && s.isBlank());
    }

    /** Strings compare without case; numbers by value; the rest by equality. */
    private static boolean same(Object actual, Object expected) {
        if (actual instanceof String a && expected instanceof String e) {
            return a.equalsIgnoreCase(e);
        }
        BigDecimal a = number(actual);
        BigDecimal e = number(expected);
        if (a != null && e != null) {
            return a.compareTo(e) == 0;
        }
        return Objects.equals(actual, expected)
                || (actual != null && expected != null && actual.toString().equalsIgnoreCase(expected.toString()));
    }

    /** Integer.MIN_VALUE when not comparable (no value, not a number, a deal in another currency). */
    private static int compare(Field field, Object actual, Condition c, LeadAttributes lead) {
        if (field == Field.DEAL_SIZE && (lead.dealSize() == null || c.currency() == null
                || !c.currency().equalsIgnoreCase(lead.dealSize().currency()))) {
            return Integer.MIN_VALUE;
        }
        BigDecimal a = number(actual);
        BigDecimal e = number(c.value());
        return a == null || e == null ? Integer.MIN_VALUE : Integer.signum(a.compareTo(e));
    }

    static BigDecimal number(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static List<?> list(Object value) {
        return value instanceof Collection<?> c ? List.copyOf(c) : value == null ? List.of() : List.of(value);
    }
}
