package io.leadstream.insights.summary;

import io.leadstream.insights.periods.TimeRange;

/**
 * The headline figures for the leads captured in {@code period}: how many, how many of them were scored and
 * assigned, and the median speed-to-lead in whole seconds (null when none was assigned).
 */
public record Summary(TimeRange period, long captured, long scored, long assigned, Long medianSpeedToLeadSeconds) {
}
