package io.leadstream.distribution.routing;

import java.util.Map;

/**
 * One ordered assignment rule: when its conditions hold, the lead goes to its target by its strategy.
 * {@code weights} (rep id → weight, default 1, 0 excludes) only for {@code WEIGHTED}. {@code onlyWorkingHours}: a
 * rep outside their working hours is skipped (a rep without hours set is always on duty).
 * {@code reevaluateWhenQualified}: a lead this rule assigned is routed again when it becomes qualified, and moves
 * if the rules now send it elsewhere.
 */
public record AssignmentRule(String name, Conditions when, Target target, Strategy strategy,
        Map<String, Integer> weights, boolean onlyWorkingHours, boolean reevaluateWhenQualified) {

    public AssignmentRule {
        when = when == null ? Conditions.ANY : when;
        weights = weights == null ? Map.of() : Map.copyOf(weights);
    }

    /** The rep's weight under this rule (1 unless listed). */
    public int weightOf(String repId) {
        return weights.getOrDefault(repId, 1);
    }
}
