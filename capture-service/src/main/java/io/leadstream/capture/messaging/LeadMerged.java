package io.leadstream.capture.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.capture.dedup.MatchedOn;

/**
 * {@code leadstream.lead.merged.v1} (schema: {@code events/lead.merged.v1.json}): a submission was merged into the
 * lead {@code leadId}. {@code filledFields} are field names only, never their values: no personal data.
 */
public record LeadMerged(UUID leadId, MatchedOn matchedOn, String source, List<String> filledFields,
        Instant mergedAt) {
}
