package io.leadstream.capture.dedup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One merge in a lead's history, without the merged data: into which lead (this one, or one merged into it later),
 * SUBMISSION or MANUAL, how it matched, the source, the names of the fields it filled, when, by whom, and for a
 * manual merge the merged lead and the manager's reason.
 */
public record MergeRecord(UUID leadId, String kind, MatchedOn matchedOn, String source, List<String> filledFields,
        Instant mergedAt, String mergedBy, UUID mergedLeadId, String reason) {
}
