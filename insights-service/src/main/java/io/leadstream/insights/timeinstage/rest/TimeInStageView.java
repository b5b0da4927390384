package io.leadstream.insights.timeinstage.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.timeinstage.TimeInStage;

/** GET /api/insights/time-in-stage's answer. */
@Schema(name = "TimeInStage", description = "How long leads stayed in each stage, over the stage entries entered in "
        + "[from, to)")
public record TimeInStageView(
        @Schema(description = "start of the range (inclusive)") Instant from,
        @Schema(description = "end of the range (exclusive)") Instant to,
        @Schema(description = "the IANA time zone dates in from and to were read in") String timeZone,
        @Schema(description = "every stage: OPEN, CONTACTED, NURTURING, QUALIFIED, NEGOTIATION, CUSTOMER, INACTIVE, "
                + "UNQUALIFIED") List<StageView> stages) {

    @Schema(name = "TimeInStageStage")
    public record StageView(
            String stage,
            @Schema(description = "how many stays entered in the range have ended (the lead entered another stage "
                    + "since); a stage a lead is still in is not counted") long durations,
            @Schema(description = "median stay in whole seconds; null when none", nullable = true) Long medianSeconds,
            @Schema(description = "90th percentile stay in whole seconds; null when none", nullable = true)
            Long p90Seconds) {
    }

    static TimeInStageView of(TimeInStage t) {
        return new TimeInStageView(t.range().from(), t.range().to(), t.zone().getId(), t.stages().stream()
                .map(s -> new StageView(s.stage().name(), s.durations(), s.medianSeconds(), s.p90Seconds())).toList());
    }

    /** As CSV (RFC 4180, a header row): {@code stage,durations,medianSeconds,p90Seconds}, a row per stage. */
    String csv() {
        StringBuilder out = new StringBuilder("stage,durations,medianSeconds,p90Seconds\r\n");
        for (StageView s : stages) {
            out.append(s.stage()).append(',').append(s.durations()).append(',')
                    .append(s.medianSeconds() == null ? "" : s.medianSeconds()).append(',')
                    .append(s.p90Seconds() == null ? "" : s.p90Seconds()).append("\r\n");
        }
        return out.toString();
    }
}
