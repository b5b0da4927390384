package io.leadstream.scoring.ruleset;

import java.time.Instant;

import io.leadstream.scoring.engine.RuleSet;

/** A rule set with its version and who stored it when (version 1: the built-in default). */
public record VersionedRules(int version, RuleSet rules, String createdBy, Instant createdAt) {

    public static final String BUILT_IN = "leadstream (built-in default)";

    public static VersionedRules builtIn() {
        return new VersionedRules(1, RuleSet.defaults(), BUILT_IN, Instant.EPOCH);
    }

    /** How scores name the rules they were computed with: {@code rules-v3}. */
    public String label() {
        return "rules-v" + version;
    }
}
