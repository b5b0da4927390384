package io.leadstream.nurture.followups.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.followups.DueTime;
import io.leadstream.nurture.followups.FollowUpService;
import io.leadstream.nurture.followups.ScheduleFollowUp;

/** A follow-up as a rep or manager schedules it (only the fields a caller may set). */
@Schema(name = "ScheduleFollowUpRequest")
public record ScheduleFollowUpRequest(
        @Schema(required = true, maxLength = 40, example = "2026-12-04T10:00", description = "a local date-time on the "
                + "wall clock of timeZone (2026-12-04T10:00), or an ISO date-time with an offset "
                + "(2026-12-04T09:00:00Z), which is that instant whatever the zone. A local time the clocks skip is "
                + "moved later by the gap (02:30 on a spring-forward night is 03:30); one that happens twice is the "
                + "earlier") String dueAt,
        @Schema(maxLength = DueTime.MAX_ZONE, example = "Europe/Berlin", description = "IANA time zone; default the "
                + "token's zoneinfo claim, else the service's default (UTC)") String timeZone,
        @Schema(required = true, maxLength = FollowUpService.MAX_NOTE, description = "what to follow up on; kept in "
                + "nurture only, never published") String note,
        @Schema(maxLength = FollowUpService.MAX_OWNER, description = "managers only: the rep who follows up; default "
                + "the lead's owner") String owner) {

    ScheduleFollowUp toCommand() {
        return new ScheduleFollowUp(dueAt, timeZone, note, owner);
    }
}
