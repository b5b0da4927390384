package io.leadstream.nurture.history;

import java.time.Instant;
import java.util.UUID;

/**
 * What one event of distribution or scoring tells the timeline about a lead: the kind and when, and the ids, codes and
 * numbers that belong to it (null where they do not). Built by the consumers from their own event records.
 */
public record Learned(UUID leadId, HistoryKind kind, Instant at, String repId, String previousRepId, String partnerId,
        String queue, String strategy, String trigger, String reason, String step, String detail, Integer score,
        String grade, Boolean qualified, String modelVersion) {

    public static Learned queued(UUID leadId, String queue, String reason, Integer score, String grade, Instant at) {
        return new Learned(leadId, HistoryKind.QUEUED, at, null, null, null, queue, null, null, reason, null, null,
                score, grade, null, null);
    }

    public static Learned assigned(UUID leadId, String repId, String strategy, String reason, Integer score,
            String grade, Instant at) {
        return new Learned(leadId, HistoryKind.ASSIGNED, at, repId, null, null, null, strategy, null, reason, null,
                null, score, grade, null, null);
    }

    public static Learned claimed(UUID leadId, String repId, String queue, Integer score, String grade, Instant at) {
        return new Learned(leadId, HistoryKind.CLAIMED, at, repId, null, null, queue, null, null, null, null, null,
                score, grade, null, null);
    }

    public static Learned reassigned(UUID leadId, String repId, String previousRepId, String strategy, String trigger,
            String reason, Instant at) {
        return new Learned(leadId, HistoryKind.REASSIGNED, at, repId, previousRepId, null, null, strategy, trigger,
                reason, null, null, null, null, null, null);
    }

    public static Learned shared(UUID leadId, String partnerId, Instant at) {
        return new Learned(leadId, HistoryKind.SHARED, at, null, null, partnerId, null, null, null, null, null, null,
                null, null, null, null);
    }

    public static Learned recalled(UUID leadId, String partnerId, String reason, Instant at) {
        return new Learned(leadId, HistoryKind.RECALLED, at, null, null, partnerId, null, null, null, reason, null,
                null, null, null, null, null);
    }

    /** {@code kind} FIRST_TOUCH or NEXT_TOUCH; {@code step} REMIND, ESCALATE or REASSIGN. */
    public static Learned slaBreached(UUID leadId, String repId, String kind, String step, String reassignedTo,
            Instant at) {
        return new Learned(leadId, HistoryKind.SLA_BREACHED, at, repId, null, null, null, null, null,
                reassignedTo == null ? null : "reassigned to " + reassignedTo, step, kind, null, null, null, null);
    }

    public static Learned scored(UUID leadId, Integer score, String grade, Boolean qualified, String trigger,
            String modelVersion, Instant at) {
        return new Learned(leadId, HistoryKind.SCORED, at, null, null, null, null, null, trigger, null, null, null,
                score, grade, qualified, modelVersion);
    }
}
