package io.leadstream.distribution.rules;

import java.time.Instant;

import io.leadstream.distribution.routing.RuleBook;

/** A rule book with its version and who stored it when (version 1: the built-in default). */
public record VersionedRuleBook(int version, RuleBook book, String createdBy, Instant createdAt) {

    public static final String BUILT_IN = "leadstream (built-in default)";

    public static VersionedRuleBook builtIn() {
        return new VersionedRuleBook(1, RuleBook.builtIn(), BUILT_IN, Instant.EPOCH);
    }
}
