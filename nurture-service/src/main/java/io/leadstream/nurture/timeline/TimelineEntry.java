package io.leadstream.nurture.timeline;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.nurture.activities.Activity;
import io.leadstream.nurture.followups.FollowUp;
import io.leadstream.nurture.history.HistoryEntry;
import io.leadstream.nurture.stages.StageChange;

/**
 * One record of a lead's timeline: an activity, a stage change, an assignment (what distribution did with the lead), a
 * score or a follow-up (when it was scheduled); exactly one of {@code activity}, {@code stageChange}, {@code history}
 * and {@code followUp} is set, as {@code type} says.
 */
public record TimelineEntry(Type type, UUID id, Instant at, Activity activity, StageChange stageChange,
        HistoryEntry history, FollowUp followUp) {

    /** What a timeline entry is. */
    public enum Type {
        ACTIVITY, STAGE_CHANGE, ASSIGNMENT, SCORE, FOLLOW_UP
    }

    static TimelineEntry of(Activity activity) {
        return new TimelineEntry(Type.ACTIVITY, activity.id, activity.occurredAt, activity, null, null, null);
    }

    static TimelineEntry of(StageChange change) {
        return new TimelineEntry(Type.STAGE_CHANGE, change.id, change.changedAt, null, change, null, null);
    }

    static TimelineEntry of(HistoryEntry entry) {
        return new TimelineEntry(entry.kind.assignment() ? Type.ASSIGNMENT : Type.SCORE, entry.id, entry.occurredAt,
                null, null, entry, null);
    }

    static TimelineEntry of(FollowUp followUp) {
        return new TimelineEntry(Type.FOLLOW_UP, followUp.id, followUp.createdAt, null, null, null, followUp);
    }
}
