package io.leadstream.insights.summary.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.csv.Csv;
import io.leadstream.insights.summary.Summary;

/** The headline figures for the leads captured in [from, to). */
@Schema(name = "Summary")
public record SummaryView(
        @Schema(description = "start of the period (inclusive)") Instant from,
        @Schema(description = "end of the period (exclusive)") Instant to,
        @Schema(description = "leads captured in the period (a manually merged lead counted once)") long captured,
        @Schema(description = "of those, how many have been scored") long scored,
        @Schema(description = "of those, how many have been assigned to a rep") long assigned,
        @Schema(description = "of those, how many scoring has qualified") long qualified,
        @Schema(description = "of those, how many became customers (reached CUSTOMER)") long won,
        @Schema(description = "of those, how many were lost (UNQUALIFIED now, never a customer)") long lost,
        @Schema(description = "won / captured, 0 to 1; null when none was captured", nullable = true)
        Double conversionRate,
        @Schema(description = "median time from capture to first assignment over the assigned ones, in whole seconds; "
                + "null when none was assigned", nullable = true) Long medianSpeedToLeadSeconds,
        @Schema(description = "qualified leads per product, most first (a lead with several products under each; "
                + "key null: no product)") List<QualifiedView> qualifiedByProduct,
        @Schema(description = "qualified leads per segment, most first (key null: no segment)")
        List<QualifiedView> qualifiedBySegment) {

    @Schema(name = "SummaryQualified")
    public record QualifiedView(@Schema(nullable = true) String key, long qualified) {
    }

    /**
     * As CSV: the headline numbers in one row (the qualified leads per product and per segment are in the JSON
     * answer only).
     */
    String csv() {
        return Csv.withHeader("from", "to", "captured", "scored", "assigned", "qualified", "won", "lost",
                "conversionRate", "medianSpeedToLeadSeconds").row(from, to, captured, scored, assigned, qualified, won,
                        lost, conversionRate, medianSpeedToLeadSeconds).toString();
    }

    public static SummaryView of(Summary s) {
        return new SummaryView(s.period().from(), s.period().to(), s.captured(), s.scored(), s.assigned(),
                s.qualified(), s.won(), s.lost(), s.conversionRate(), s.medianSpeedToLeadSeconds(),
                s.qualifiedByProduct().stream().map(q -> new QualifiedView(q.key(), q.qualified())).toList(),
                s.qualifiedBySegment().stream().map(q -> new QualifiedView(q.key(), q.qualified())).toList());
    }
}
