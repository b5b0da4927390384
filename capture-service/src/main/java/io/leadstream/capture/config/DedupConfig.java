package io.leadstream.capture.config;

import java.util.Locale;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code leadstream.capture.dedup.*}: what {@code POST /api/leads} does when the submission's normalised email or
 * E.164 phone already belongs to a lead, per source ({@code policy."<source>"}, else {@code default-policy}).
 */
@ConfigMapping(prefix = "leadstream.capture.dedup")
public interface DedupConfig {

    /** merge: no new lead, fill the existing lead's blanks (200); flag: create and record the pair; create: create. */
    enum Policy {
        MERGE, FLAG, CREATE
    }

    /** The policy for sources without one of their own. */
    @WithDefault("merge")
    Policy defaultPolicy();

    /** Per source (lower-case, as stored), e.g. {@code policy."import"=flag}. */
    Map<String, Policy> policy();

    default Policy policyFor(String source) {
        return source == null ? defaultPolicy()
                : policy().getOrDefault(source.toLowerCase(Locale.ROOT), defaultPolicy());
    }
}
