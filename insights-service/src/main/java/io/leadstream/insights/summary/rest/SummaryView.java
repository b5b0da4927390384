package io.leadstream.insights.summary.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.summary.Summary;

/** The headline figures for the leads captured in [from, to). */
@Schema(name = "Summary")
public record SummaryView(
        @Schema(description = "start of the period (inclusive)") Instant from,
        @Schema(description = "end of the period (exclusive)") Instant to,
        @Schema(description = "leads captured in the period") long captured,
        @Schema(description = "of those, how many have been scored") long scored,
        @Schema(description = "of those, how many have been assigned to a rep") long assigned,
        @Schema(description = "median time from capture to first assignment over the assigned ones, in whole seconds; "
                + "null when none was assigned", nullable = true) Long medianSpeedToLeadSeconds) {

    public static SummaryView of(Summary s) {
        return new SummaryView(s.period().from(), s.period().to(), s.captured(), s.scored(), s.assigned(),
                s.medianSpeedToLeadSeconds());
    }
}
