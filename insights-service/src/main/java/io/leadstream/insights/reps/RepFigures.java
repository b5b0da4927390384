package io.leadstream.insights.reps;

import java.util.List;

import io.leadstream.insights.periods.TimeRange;

/**
 * How each rep did with the leads captured in {@code range} that they own now (a reassigned lead counts for its new
 * owner): how many, how many they contacted (the lead reached CONTACTED or later), the median time from the lead's
 * first assignment to their first touch (a call, email, message or meeting; whole seconds, null when none), the SLA hit
 * rate (the share of their leads whose first-touch and next-touch targets were never missed; null when they own none)
 * and how many they won.
 */
public record RepFigures(TimeRange range, List<Rep> reps) {

    public record Rep(String repId, long assigned, long contacted, Long medianSecondsToFirstTouch, Double slaHitRate,
            long won) {
    }
}
