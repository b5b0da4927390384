package io.leadstream.distribution.rules.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.routing.AssignmentRule;
import io.leadstream.distribution.rules.VersionedRuleBook;

/** A version of the assignment rules: the ordered rules, the fallback, and who stored it when. */
@Schema(name = "AssignmentRules")
public record RuleBookView(
        @Schema(description = "1 is the built-in default (no rules; every lead round-robin to every active rep)")
        int version,
        @Schema(description = "in order; the first whose conditions hold decides") List<AssignmentRule> rules,
        @Schema(description = "where a lead goes when no rule matches (its conditions are ignored)")
        AssignmentRule fallback,
        String createdBy, Instant createdAt) {

    public static RuleBookView of(VersionedRuleBook v) {
        return new RuleBookView(v.version(), v.book().rules(), v.book().fallback(), v.createdBy(), v.createdAt());
    }
}
