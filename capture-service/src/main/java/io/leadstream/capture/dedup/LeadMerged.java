package io.leadstream.capture.dedup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.model.LeadAttributes;
import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.merged.v1} (schema: {@code events/lead.merged.v1.json}): something was merged into the lead
 * {@code leadId}. {@code kind} SUBMISSION: a submission (no lead.captured for it); MANUAL: a manager merged the lead
 * {@code mergedLeadId} into it, so consumers fold that lead's score, assignment and stage into {@code leadId}.
 * {@code filledFields} are field names only, never their values; {@code survivor} is the surviving lead's state after
 * the merge as {@code lead.updated} carries it ({@link LeadAttributes}: business attributes, non-free-text custom
 * qualifiers, quality flags), so a consumer can re-score it. No personal data. {@code survivor} is null only in
 * events written before it existed.
 */
@EventType("lead.merged")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadMerged(UUID leadId, Kind kind, UUID mergedLeadId, MatchedOn matchedOn, String source,
        List<String> filledFields, LeadAttributes survivor, Instant mergedAt) implements DomainEvent {

    public enum Kind {
        SUBMISSION, MANUAL
    }

    /** A submission merged into {@code leadId} on create; {@code survivor}: that lead after the merge. */
    public static LeadMerged submission(UUID leadId, MatchedOn matchedOn, String source, List<String> filledFields,
            LeadAttributes survivor, Instant mergedAt) {
        return new LeadMerged(leadId, Kind.SUBMISSION, null, matchedOn, source, filledFields, survivor, mergedAt);
    }

    /**
     * The lead {@code mergedLeadId} merged into {@code leadId} by a manager; {@code matchedOn} may be null;
     * {@code survivor}: {@code leadId} after the merge.
     */
    public static LeadMerged manual(UUID leadId, UUID mergedLeadId, MatchedOn matchedOn, String source,
            List<String> filledFields, LeadAttributes survivor, Instant mergedAt) {
        return new LeadMerged(leadId, Kind.MANUAL, mergedLeadId, matchedOn, source, filledFields, survivor, mergedAt);
    }
}
