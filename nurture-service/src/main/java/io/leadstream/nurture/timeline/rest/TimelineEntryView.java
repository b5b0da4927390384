package io.leadstream.nurture.timeline.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.activities.rest.ActivityView;
import io.leadstream.nurture.history.HistoryEntry;
import io.leadstream.nurture.stages.StageChange;
import io.leadstream.nurture.timeline.TimelineEntry;

/** One record of a lead's timeline; the object named by {@code type} is set, the others are null. */
@Schema(name = "TimelineEntry")
public record TimelineEntryView(
        @Schema(description = "ACTIVITY, STAGE_CHANGE, ASSIGNMENT (what distribution did with the lead), SCORE or "
                + "FOLLOW_UP (at when it was scheduled)")
        TimelineEntry.Type type,
        @Schema(description = "the record's id (an activity's activityId for ACTIVITY)") UUID id,
        @Schema(description = "when it happened") Instant at,
        @Schema(description = "who did it: the rep, manager or integration; null for what a service did",
                nullable = true) String by,
        @Schema(nullable = true) ActivityView activity,
        @Schema(nullable = true) StageChangeView stageChange,
        @Schema(nullable = true) AssignmentView assignment,
        @Schema(nullable = true) ScoreView score,
        @Schema(nullable = true) FollowUpEntryView followUp) {

    @Schema(name = "TimelineFollowUp")
    public record FollowUpEntryView(
            @Schema(description = "who must follow up") String owner,
            @Schema(description = "when it is due") Instant dueAt,
            @Schema(description = "the IANA time zone the due time was given in") String timeZone,
            @Schema(description = "the scheduler's note (kept in nurture only)") String note,
            @Schema(description = "when it was completed; null while open", nullable = true) Instant completedAt,
            @Schema(nullable = true) String completedBy,
            @Schema(description = "the outcome written on completion (kept in nurture only)", nullable = true)
            String outcome) {
    }

    @Schema(name = "TimelineStageChange")
    public record StageChangeView(
            @Schema(description = "the stage before; null when the lead entered the pipeline", nullable = true)
            String from,
            @Schema(description = "the stage after") String to,
            @Schema(description = "the reason code, or what moved the lead (assigned to rep1, merged from lead …)")
            String reason,
            @Schema(description = "the mover's note (kept in nurture only)", nullable = true) String note) {
    }

    @Schema(name = "TimelineAssignment")
    public record AssignmentView(
            @Schema(description = "QUEUED, ASSIGNED, CLAIMED, REASSIGNED, SHARED, RECALLED or SLA_BREACHED")
            String event,
            @Schema(description = "the rep who got the lead, or whose SLA was breached", nullable = true) String repId,
            @Schema(description = "REASSIGNED: the rep who had it", nullable = true) String previousRepId,
            @Schema(description = "SHARED, RECALLED: the partner company", nullable = true) String partnerId,
            @Schema(description = "QUEUED, CLAIMED: the pull queue", nullable = true) String queue,
            @Schema(description = "ASSIGNED, REASSIGNED: how the rep was chosen", nullable = true) String strategy,
            @Schema(description = "REASSIGNED: MANUAL, QUALIFIED or SLA", nullable = true) String trigger,
            @Schema(description = "distribution's reason, or why a share was recalled", nullable = true) String reason,
            @Schema(description = "SLA_BREACHED: FIRST_TOUCH or NEXT_TOUCH", nullable = true) String slaKind,
            @Schema(description = "SLA_BREACHED: REMIND, ESCALATE or REASSIGN", nullable = true) String slaStep,
            @Schema(description = "the lead's score when it was routed", nullable = true) Integer score,
            @Schema(description = "the lead's grade when it was routed", nullable = true) String grade) {
    }

    @Schema(name = "TimelineScore")
    public record ScoreView(
            @Schema(description = "0-100") int score,
            @Schema(description = "A, B, C or D", nullable = true) String grade,
            @Schema(description = "whether the lead is qualified (one-way)", nullable = true) Boolean qualified,
            @Schema(description = "what re-scored the lead", nullable = true) String trigger,
            @Schema(nullable = true) String modelVersion) {
    }

    static TimelineEntryView of(TimelineEntry entry) {
        return switch (entry.type()) {
            case ACTIVITY -> new TimelineEntryView(entry.type(), entry.id(), entry.at(), entry.activity().loggedBy,
                    ActivityView.of(entry.activity()), null, null, null, null);
            case STAGE_CHANGE -> stageChange(entry, entry.stageChange());
            case ASSIGNMENT -> assignment(entry, entry.history());
            case SCORE -> new TimelineEntryView(entry.type(), entry.id(), entry.at(), null, null, null, null,
                    new ScoreView(entry.history().score == null ? 0 : entry.history().score, entry.history().grade,
                            entry.history().qualified, entry.history().trigger, entry.history().modelVersion), null);
            case FOLLOW_UP -> new TimelineEntryView(entry.type(), entry.id(), entry.at(), entry.followUp().createdBy,
                    null, null, null, null, new FollowUpEntryView(entry.followUp().owner, entry.followUp().dueAt,
                            entry.followUp().timeZone, entry.followUp().note, entry.followUp().completedAt,
                            entry.followUp().completedBy, entry.followUp().outcome));
        };
    }

    private static TimelineEntryView stageChange(TimelineEntry entry, StageChange c) {
        return new TimelineEntryView(entry.type(), entry.id(), entry.at(), c.changedBy, null,
                new StageChangeView(c.from == null ? null : c.from.name(), c.to.name(), c.reason, c.note), null, null, null);
    }

    private static TimelineEntryView assignment(TimelineEntry entry, HistoryEntry h) {
        return new TimelineEntryView(entry.type(), entry.id(), entry.at(), null, null, null,
                new AssignmentView(h.kind.name(), h.repId, h.previousRepId, h.partnerId, h.queue, h.strategy,
                        h.trigger, h.reason, h.detail, h.step, h.score, h.grade), null, null);
    }
}
