package io.leadstream.insights.funnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.leadstream.insights.periods.TimeRange;

/**
 * The funnel of a creation cohort (the leads captured in {@code range} that match {@code filters}, a manually merged
 * lead counted once, as its survivor): how many leads reached each stage of the main path, how many ended UNQUALIFIED
 * and INACTIVE (stand there now), each stage's conversion to the next and the overall conversion (CUSTOMER / cohort).
 *
 * <p>A lead that reached a later stage of the main path counts as having reached every earlier one, even if it skipped
 * a step (OPEN straight to QUALIFIED counts for CONTACTED and NURTURING too): the funnel then narrows stage by stage
 * and no conversion exceeds 1. A lead that entered the pipeline at all reached OPEN (every lead enters at OPEN); a
 * lead captured but never opened reached none. A conversion is null when no lead reached the stage it starts from.
 */
public record Funnel(TimeRange range, Filters filters, long cohort, List<StageCount> stages, long unqualified,
        long inactive, Double conversion) {

    /** The cohort's optional filters; null means any. */
    public record Filters(String product, String segment, String source) {
    }

    /** A stage of the main path: how many reached it, and the share of those that reached the next (null: none). */
    public record StageCount(Stage stage, long reached, Double conversionToNext) {
    }

    /**
     * The funnel from the cohort's leads counted by the furthest main-path stage each reached ({@code byFurthest};
     * main-path stages only) and how many reached none ({@code none}).
     */
    static Funnel of(TimeRange range, Filters filters, Map<Stage, Long> byFurthest, long none, long unqualified,
            long inactive) {
        List<Stage> pipeline = Stage.pipeline();
        long[] reached = new long[pipeline.size()];
        long cohort = none;
        for (Map.Entry<Stage, Long> e : byFurthest.entrySet()) {
            int furthest = pipeline.indexOf(e.getKey());
            if (furthest < 0) {
                throw new IllegalArgumentException(e.getKey() + " is not a stage of the main path");
            }
            cohort += e.getValue();
            for (int i = 0; i <= furthest; i++) {
                reached[i] += e.getValue();
            }
        }
        List<StageCount> stages = new ArrayList<>();
        for (int i = 0; i < pipeline.size(); i++) {
            Double next = i + 1 < pipeline.size() ? ratio(reached[i + 1], reached[i]) : null;
            stages.add(new StageCount(pipeline.get(i), reached[i], next));
        }
        return new Funnel(range, filters, cohort, List.copyOf(stages), unqualified, inactive,
                ratio(reached[pipeline.size() - 1], cohort));
    }

    /** part / whole to four decimal places (0.6667), null when the whole is none. */
    static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
