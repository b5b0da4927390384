package io.leadstream.insights.periods;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One bucket of a grouped figure: its first local day ({@code start}) and name, and the instants it covers,
 * [{@code from}, {@code to}), which follow the time zone's daylight-saving changes (a day may last 23 or 25 hours).
 */
public record Bucket(LocalDate start, String label, Instant from, Instant to) {
}
