package io.leadstream.scoring.model;

/**
 * How much one feature moved a lead's log-odds of being won: its weight times its encoded value. Positive pushes
 * towards won, negative towards lost.
 */
public record Contribution(String feature, double logOdds) {
}
