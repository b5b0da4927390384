package io.leadstream.insights.timeinstage;

import java.time.ZoneId;
import java.util.List;

import io.leadstream.insights.funnel.Stage;
import io.leadstream.insights.periods.TimeRange;

/**
 * How long leads stayed in each stage, over the stage entries whose entering is in {@code range}: a stay lasts from
 * entering the stage to entering the lead's next stage (its stage entries ordered by time). A stage a lead is still in
 * has no end yet and is not counted; a lead merged into another is left out; an erased one counted. Every stage, in
 * {@link Stage} order.
 */
public record TimeInStage(TimeRange range, ZoneId zone, List<StageTimes> stages) {

    /** How many stays ended, and their median and 90th percentile in whole seconds (null when none). */
    public record StageTimes(Stage stage, long durations, Long medianSeconds, Long p90Seconds) {
    }
}
