package io.leadstream.scoring.model;

/**
 * What a shadow model's scores say next to the real ones.
 *
 * @param scores current scores that carry this model's shadow score
 * @param meanDifference mean of (shadow score − real score) over them: positive when the model would score higher;
 *        null without any
 */
public record Shadowing(long scores, Double meanDifference) {
}
