package io.leadstream.capture.dedup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.merged.v1} (schema: {@code events/lead.merged.v1.json}): something was merged into the lead
 * {@code leadId}. {@code kind} SUBMISSION: a submission (no lead.captured for it); MANUAL: a manager merged the lead
 * {@code mergedLeadId} into it, so consumers fold that lead's score, assignment and stage into {@code leadId}.
 * {@code filledFields} are field names only, never their values: no personal data.
 */
@EventType("lead.merged")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadMerged(UUID leadId, Kind kind, UUID mergedLeadId, MatchedOn matchedOn, String source,
        List<String> filledFields, Instant mergedAt) implements DomainEvent {

    public enum Kind {
        SUBMISSION, MANUAL
    }

    /** A submission merged into {@code leadId} on create. */
    public static LeadMerged submission(UUID leadId, MatchedOn matchedOn, String source, List<String> filledFields,
            Instant mergedAt) {
        return new LeadMerged(leadId, Kind.SUBMISSION, null, matchedOn, source, filledFields, mergedAt);
    }

    /** The lead {@code mergedLeadId} merged into {@code leadId} by a manager; {@code matchedOn} may be null. */
    public static LeadMerged manual(UUID leadId, UUID mergedLeadId, MatchedOn matchedOn, String source,
            List<String> filledFields, Instant mergedAt) {
        return new LeadMerged(leadId, Kind.MANUAL, mergedLeadId, matchedOn, source, filledFields, mergedAt);
    }
}
