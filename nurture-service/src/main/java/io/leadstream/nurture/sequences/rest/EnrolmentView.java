package io.leadstream.nurture.sequences.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.sequences.Enrolment;
import io.leadstream.nurture.sequences.EnrolmentState;

@Schema(name = "Enrolment", description = "A lead in a drip sequence")
public record EnrolmentView(UUID id, UUID leadId, UUID sequenceId, EnrolmentState state,
        @Schema(description = "how many of the sequence's steps were sent") int stepsSent,
        @Schema(description = "when the next step is due (ACTIVE only)", nullable = true) Instant nextDueAt,
        @Schema(description = "failed tries of the next step") int attempts,
        @Schema(description = "why the next step was not sent last time, or why the enrolment stopped",
                nullable = true) String lastError,
        @Schema(description = "who enrolled the lead: a username, or auto when the sequence did") String enrolledBy,
        Instant enrolledAt, @Schema(nullable = true) Instant endedAt,
        @Schema(description = "STOPPED only: replied, stage-changed, unsubscribed, erased, merged, stopped (by a "
                + "person) or step-failed", nullable = true) String stopReason) {

    static EnrolmentView of(Enrolment e) {
        return new EnrolmentView(e.id, e.leadId, e.sequenceId, e.state, e.nextStep, e.nextDueAt, e.attempts,
                e.lastError, e.enrolledBy, e.enrolledAt, e.endedAt, e.stopReason);
    }
}
