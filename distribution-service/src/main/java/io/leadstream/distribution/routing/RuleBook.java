package io.leadstream.distribution.routing;

import java.util.List;

/**
 * The ordered assignment rules and the default: the first rule whose conditions hold decides; when none does, the
 * default target and strategy do (its conditions are ignored).
 */
public record RuleBook(List<AssignmentRule> rules, AssignmentRule fallback) {

    public static final String DEFAULT_NAME = "default";

    public RuleBook {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** The built-in rule book: no rules; every lead goes round-robin to every active rep. */
    public static RuleBook builtIn() {
        return new RuleBook(List.of(), new AssignmentRule(DEFAULT_NAME, Conditions.ANY, Target.ALL_REPS,
                Strategy.ROUND_ROBIN, null, false, false));
    }
}
