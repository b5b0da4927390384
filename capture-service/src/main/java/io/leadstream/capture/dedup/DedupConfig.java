package io.leadstream.capture.dedup;

import java.util.Locale;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code leadstream.capture.dedup.*}: what {@code POST /api/leads} does when the submission's normalised email or
 * E.164 phone already belongs to a lead, per source ({@code policy."<source>"}, else {@code default-policy}); and
 * the fuzzy match on name + company ({@code fuzzy.*}).
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

    /** Fuzzy matching on name + company (a suspicion only: recorded and listed, never merged automatically). */
    Fuzzy fuzzy();

    interface Fuzzy {

        /** Look for leads with a similar name at the same company on create (sources with policy create never do). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The least trigram similarity (pg_trgm, 0–1, word order ignored) of the folded names for a suspicion. At
         * least 0.3: candidates are found through the trigram index at pg_trgm's default threshold, 0.3.
         */
        @WithDefault("0.55")
        @DecimalMin("0.3")
        @DecimalMax("1.0")
        double nameSimilarity();

        /** At most this many suspects are recorded per new lead, the most similar first. */
        @WithDefault("20")
        @Min(1)
        int maxSuspects();
    }

    default Policy policyFor(String source) {
        return source == null ? defaultPolicy()
                : policy().getOrDefault(source.toLowerCase(Locale.ROOT), defaultPolicy());
    }
}
