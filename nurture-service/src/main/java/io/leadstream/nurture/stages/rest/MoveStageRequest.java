package io.leadstream.nurture.stages.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rep or manager moves a lead's stage. Checked by {@code StageService}, which names each bad field. */
@Schema(name = "MoveStageRequest")
public record MoveStageRequest(
        @Schema(required = true, description = "the stage to move to",
                enumeration = { "OPEN", "CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION", "CUSTOMER", "INACTIVE",
                        "UNQUALIFIED" }, examples = "CONTACTED") String to,
        @Schema(nullable = true, description = "a reason code: for UNQUALIFIED one of "
                + "leadstream.nurture.stages.unqualified-reasons (no-budget, no-need, no-authority, wrong-timing, competitor, "
                + "unreachable, duplicate, spam), for any other move one of leadstream.nurture.stages.move-reasons "
                + "(inbound-request, referral, existing-relationship, fast-track, contract-signed, stalled, "
                + "wrong-timing, re-engaged, new-need, correction). Required to skip ahead, step back, win early, "
                + "reopen or disqualify; published in lead.stage-changed", examples = "no-budget") String reason,
        @Schema(nullable = true, maxLength = 2000, description = "the mover's own words; kept in nurture's stage "
                + "history, never published") String note) {
}
