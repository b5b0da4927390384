package io.leadstream.scoring.enrichment;

import java.time.Duration;

/** What a credit check gives the score: a rated reason, a pending check to try again, or nothing to do. */
public sealed interface CreditCheckOutcome {

    /**
     * The provider answered.
     *
     * @param rating {@code LOW_RISK}, {@code MEDIUM_RISK}, {@code HIGH_RISK} or {@code UNKNOWN}
     * @param points what the rating adds to the score (see {@link CreditRating})
     * @param detail a sentence for the sales rep, e.g. "credit check: low risk (limit 200 000 EUR)"
     */
    record Rated(String rating, int points, String detail) implements CreditCheckOutcome {
    }

    /**
     * The provider could not answer now (down, too slow, 5xx, refused, or calls paused by the circuit breaker): the
     * score is still produced, says the check is pending, and the caller tries again after {@code retryAfter}.
     *
     * @param why what went wrong, readable by a person, e.g. "provider answered HTTP 503"
     */
    record Pending(String why, Duration retryAfter) implements CreditCheckOutcome {

        /** The sentence for the score's reasons. */
        public String detail() {
            return "credit check pending: " + why;
        }
    }

    /**
     * No check for this lead: disabled, no deal size, below the threshold, or a deal in another currency.
     *
     * @param why e.g. "deal size 20 000 EUR is below the 50 000 EUR threshold"
     */
    record NotNeeded(String why) implements CreditCheckOutcome {
    }
}
