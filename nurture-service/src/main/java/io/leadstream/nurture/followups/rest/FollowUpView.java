package io.leadstream.nurture.followups.rest;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.followups.FollowUp;
import io.leadstream.nurture.followups.FollowUpState;

/** A follow-up as its owner (or a manager) sees it. */
@Schema(name = "FollowUp")
public record FollowUpView(UUID followUpId, UUID leadId,
        @Schema(description = "the rep's Keycloak username: who follows up") String owner,
        @Schema(description = "when it is due (UTC)") Instant dueAt,
        @Schema(example = "2026-12-04T10:00:00", description = "the due time on the wall clock of timeZone")
        String dueLocal,
        @Schema(example = "Europe/Berlin") String timeZone,
        String note,
        @Schema(description = "due (open, due now or later), overdue (open, due time passed) or done (completed), at "
                + "the time of the answer") FollowUpState state,
        String createdBy,
        Instant createdAt,
        @Schema(nullable = true) Instant completedAt,
        @Schema(nullable = true) String completedBy,
        @Schema(nullable = true) String outcome,
        @Schema(nullable = true, description = "when follow-up.due was published (the reminder)") Instant remindedAt) {

    public static FollowUpView of(FollowUp f, Instant now) {
        return new FollowUpView(f.id, f.leadId, f.owner, f.dueAt, DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                f.dueLocal()), f.timeZone, f.note, f.state(now), f.createdBy, f.createdAt, f.completedAt, f.completedBy,
                f.outcome, f.remindedAt);
    }
}
