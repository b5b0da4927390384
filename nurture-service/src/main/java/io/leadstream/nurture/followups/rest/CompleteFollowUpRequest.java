package io.leadstream.nurture.followups.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.followups.FollowUpService;

/** Completing a follow-up: what came of it. */
@Schema(name = "CompleteFollowUpRequest")
public record CompleteFollowUpRequest(
        @Schema(required = true, maxLength = FollowUpService.MAX_NOTE, description = "the outcome note; kept in "
                + "nurture only, never published") String outcome) {
}
