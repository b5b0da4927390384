package io.leadstream.insights.summary;

import java.util.List;

import io.leadstream.insights.periods.TimeRange;

/**
 * The headline figures for the leads captured in {@code period}: how many, how many of them were scored, assigned,
 * qualified, won (reached CUSTOMER) and lost (UNQUALIFIED, never won), the conversion rate (won / captured; null when
 * none was captured), the median speed-to-lead in whole seconds (null when none was assigned), and the qualified leads
 * per product and per segment.
 */
public record Summary(TimeRange period, long captured, long scored, long assigned, long qualified, long won, long lost,
        Double conversionRate, Long medianSpeedToLeadSeconds, List<Qualified> qualifiedByProduct,
        List<Qualified> qualifiedBySegment) {

    /** How many qualified leads have this product or segment ({@code key} null: none given). */
    public record Qualified(String key, long qualified) {
    }
}
