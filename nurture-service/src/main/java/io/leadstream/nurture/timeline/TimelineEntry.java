package io.leadstream.nurture.timeline;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.nurture.activities.Activity;
import io.leadstream.nurture.history.HistoryEntry;
import io.leadstream.nurture.stages.StageChange;

/**
 * One record of a lead's timeline: an activity, a stage change, an assignment (what distribution did with the lead) or
 * a score; exactly one of {@code activity}, {@code stageChange} and {@code history} is set, as {@code type} says.
 */
public record TimelineEntry(Type type, UUID id, Instant at, Activity activity, StageChange stageChange,
        HistoryEntry history) {

    /** What a timeline entry is. */
    public enum Type {
        ACTIVITY, STAGE_CHANGE, ASSIGNMENT, SCORE
    }

    static TimelineEntry of(Activity activity) {
        return new TimelineEntry(Type.ACTIVITY, activity.id, activity.occurredAt, activity, null, null);
    }

    static TimelineEntry of(StageChange change) {
        return new TimelineEntry(Type.STAGE_CHANGE, change.id, change.changedAt, null, change, null);
    }

    static TimelineEntry of(HistoryEntry entry) {
        return new TimelineEntry(entry.kind.assignment() ? Type.ASSIGNMENT : Type.SCORE, entry.id, entry.occurredAt,
                null, null, entry);
    }
}
