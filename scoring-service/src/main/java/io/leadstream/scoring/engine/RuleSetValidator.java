package io.leadstream.scoring.engine;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.scoring.engine.RuleSet.Condition;
import io.leadstream.scoring.engine.RuleSet.Field;
import io.leadstream.scoring.engine.RuleSet.FitRule;
import io.leadstream.scoring.engine.RuleSet.Op;

/** Checks a rule set an admin sends; every problem names its field path ({@code fit[2].when.op}). */
public final class RuleSetValidator {

    static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");
    static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    static final int MAX_POINTS = 100;
    static final int MAX_RULES = 200;

    private RuleSetValidator() {
    }

    public static List<FieldError> validate(RuleSet rules) {
        List<FieldError> errors = new ArrayList<>();
        if (rules == null) {
            errors.add(new FieldError("", "a rule set is required"));
            return errors;
        }
        if (rules.dataQuality() == null) {
            errors.add(new FieldError("dataQuality", "is required"));
        } else {
            checkDataQuality(rules.dataQuality(), errors);
        }
        if (rules.fit() == null) {
            errors.add(new FieldError("fit", "is required (an empty list means no fit rules)"));
        } else {
            checkFit(rules.fit(), errors);
        }
        if (rules.engagement() == null) {
            errors.add(new FieldError("engagement", "is required"));
        } else {
            checkEngagement(rules.engagement(), errors);
        }
        if (rules.grades() == null) {
            errors.add(new FieldError("grades", "is required"));
        } else if (!(rules.grades().a() <= 100 && rules.grades().a() > rules.grades().b()
                && rules.grades().b() > rules.grades().c() && rules.grades().c() > 0)) {
            errors.add(new FieldError("grades", "must satisfy 100 >= a > b > c > 0"));
        }
        if (rules.qualificationThreshold() < 1 || rules.qualificationThreshold() > 100) {
            errors.add(new FieldError("qualificationThreshold", "must be between 1 and 100"));
        }
        if (rules.rescoreStep() < 1 || rules.rescoreStep() > 100) {
            errors.add(new FieldError("rescoreStep", "must be between 1 and 100"));
        }
        if (rules.modelMaxPoints() < 0 || rules.modelMaxPoints() > 50) {
            errors.add(new FieldError("modelMaxPoints", "must be between 0 and 50"));
        }
        return errors;
    }

    private static void checkDataQuality(RuleSet.DataQualityRules q, List<FieldError> errors) {
        for (RecordComponent points : RuleSet.DataQualityRules.class.getRecordComponents()) {
            try {
                checkPoints("dataQuality." + points.getName(), (int) points.getAccessor().invoke(q), errors);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read dataQuality." + points.getName(), e);
            }
        }
    }

    private static void checkFit(List<FitRule> fit, List<FieldError> errors) {
        if (fit.size() > MAX_RULES) {
            errors.add(new FieldError("fit", "at most " + MAX_RULES + " rules"));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < fit.size(); i++) {
            String at = "fit[" + i + "]";
            FitRule rule = fit.get(i);
            if (rule == null) {
                errors.add(new FieldError(at, "must be a rule"));
                continue;
            }
            if (rule.code() == null || !CODE.matcher(rule.code()).matches()) {
                errors.add(new FieldError(at + ".code", "must be upper-case letters, digits and _ (e.g. PRODUCT_HEAT_PUMPS)"));
            } else if (!codes.add(rule.code())) {
                errors.add(new FieldError(at + ".code", "'" + rule.code() + "' is used by an earlier rule"));
            }
            if (rule.detail() == null || rule.detail().isBlank() || rule.detail().length() > 200) {
                errors.add(new FieldError(at + ".detail", "a sentence a sales rep can read (1-200 characters)"));
            }
            checkPoints(at + ".points", rule.points(), errors);
            checkCondition(at + ".when", rule.when(), errors);
        }
    }

    private static void checkCondition(String at, Condition c, List<FieldError> errors) {
        if (c == null) {
            errors.add(new FieldError(at, "is required"));
            return;
        }
        Field field = Field.of(c.field());
        if (field == null) {
            errors.add(new FieldError(at + ".field", "unknown field '" + c.field() + "'; one of source, partner, country, "
                    + "language, segment, campaign, company, jobSeniority, products, tags, dealSize, custom.<key>"));
            return;
        }
        if (c.op() == null) {
            errors.add(new FieldError(at + ".op", "is required"));
            return;
        }
        Op op = c.op();
        boolean listOp = op == Op.CONTAINS || op == Op.CONTAINS_ANY;
        boolean numberOp = op == Op.AT_LEAST || op == Op.BELOW;
        if (listOp && !field.isList()) {
            errors.add(new FieldError(at + ".op", op + " applies to products and tags only"));
        }
        if (field.isList() && !(listOp || op == Op.PRESENT || op == Op.ABSENT)) {
            errors.add(new FieldError(at + ".op", c.field() + " is a list: use CONTAINS, CONTAINS_ANY, PRESENT or ABSENT"));
        }
        if (numberOp && !(field.isNumeric() || field == Field.CUSTOM)) {
            errors.add(new FieldError(at + ".op", op + " applies to dealSize and numeric custom qualifiers only"));
        }
        if (field == Field.DEAL_SIZE && !(numberOp || op == Op.PRESENT || op == Op.ABSENT)) {
            errors.add(new FieldError(at + ".op", "dealSize takes AT_LEAST, BELOW, PRESENT or ABSENT"));
        }
        if (field == Field.DEAL_SIZE && numberOp && (c.currency() == null || !CURRENCY.matcher(c.currency()).matches())) {
            errors.add(new FieldError(at + ".currency", "an ISO 4217 code such as EUR: deals in other currencies do not match"));
        }
        switch (op) {
            case PRESENT, ABSENT -> {
                if (c.value() != null) {
                    errors.add(new FieldError(at + ".value", op + " takes no value"));
                }
            }
            case IN, CONTAINS_ANY -> {
                if (!(c.value() instanceof Collection<?> values) || values.isEmpty()
                        || values.stream().anyMatch(v -> !(v instanceof String || v instanceof Number || v instanceof Boolean))) {
                    errors.add(new FieldError(at + ".value", op + " takes a non-empty list of values"));
                }
            }
            case AT_LEAST, BELOW -> {
                if (FitPart.number(c.value()) == null || c.value() instanceof String) {
                    errors.add(new FieldError(at + ".value", op + " takes a number"));
                }
            }
            default -> {
                if (!(c.value() instanceof String || c.value() instanceof Number || c.value() instanceof Boolean)) {
                    errors.add(new FieldError(at + ".value", op + " takes one value (a string, number or boolean)"));
                }
            }
        }
        if (field == Field.JOB_SENIORITY && c.value() != null) {
            for (Object v : FitPart.list(c.value())) {
                if (!(v instanceof String s) || !isSeniority(s)) {
                    errors.add(new FieldError(at + ".value", "'" + v + "' is not a seniority: C_LEVEL, VP, DIRECTOR, "
                            + "MANAGER or STAFF"));
                }
            }
        }
    }

    private static boolean isSeniority(String s) {
        return Arrays.stream(JobSeniority.values()).anyMatch(level -> level.name().equals(s));
    }

    private static void checkEngagement(RuleSet.EngagementRules e, List<FieldError> errors) {
        if (e.halfLifeDays() < 1 || e.halfLifeDays() > 3650) {
            errors.add(new FieldError("engagement.halfLifeDays", "must be between 1 and 3650"));
        }
        if (e.max() < 0 || e.max() > 100) {
            errors.add(new FieldError("engagement.max", "must be between 0 and 100"));
        }
        if (e.points() == null) {
            errors.add(new FieldError("engagement.points", "is required"));
        } else {
            e.points().forEach((kind, p) -> {
                if (kind == Signal.Kind.STAGE) {
                    errors.add(new FieldError("engagement.points.STAGE", "stages are scored in stagePoints"));
                }
                checkPoints("engagement.points." + kind, p == null ? Integer.MIN_VALUE : p, errors);
            });
        }
        if (e.stagePoints() == null) {
            errors.add(new FieldError("engagement.stagePoints", "is required"));
        } else {
            e.stagePoints().forEach((stage, p) -> {
                if (!EngagementPart.STAGE_ORDER.contains(stage) || "CUSTOMER".equals(stage) || "OPEN".equals(stage)) {
                    errors.add(new FieldError("engagement.stagePoints." + stage,
                            "one of CONTACTED, NURTURING, QUALIFIED, NEGOTIATION"));
                }
                checkPoints("engagement.stagePoints." + stage, p == null ? Integer.MIN_VALUE : p, errors);
            });
        }
    }

    private static void checkPoints(String field, int points, List<FieldError> errors) {
        if (points < -MAX_POINTS || points > MAX_POINTS) {
            errors.add(new FieldError(field, "points must be between -100 and 100"));
        }
    }
}
