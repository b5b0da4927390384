package io.leadstream.scoring.rules.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.engine.RuleSet;
import io.leadstream.scoring.ruleset.VersionedRules;

/** A version of the scoring rules with who stored it when. */
@Schema(name = "ScoringRules")
public record RulesView(@Schema(description = "1 is the built-in default") int version,
        @Schema(examples = "admin") String createdBy, Instant createdAt, RuleSet rules) {

    public static RulesView of(VersionedRules v) {
        return new RulesView(v.version(), v.createdBy(), v.createdAt(), v.rules());
    }
}
