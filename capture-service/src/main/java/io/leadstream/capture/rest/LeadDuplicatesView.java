package io.leadstream.capture.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.dedup.MatchedOn;

/** A lead's suspected duplicates with the reasons, and the submissions merged into it (without their data). */
@Schema(name = "LeadDuplicates")
public record LeadDuplicatesView(UUID leadId,
        @Schema(description = "other leads sharing this lead's email or phone now, and pairs flagged when captured")
        List<Duplicate> duplicates,
        @Schema(description = "submissions merged into this lead, oldest first") List<Merge> merges) {

    @Schema(name = "SuspectedDuplicate")
    public record Duplicate(UUID leadId,
            @Schema(description = "EMAIL and/or PHONE") List<MatchedOn> matchedOn,
            @Schema(description = "why, in words: shared now, flagged at capture, or both") String detail) {
    }

    @Schema(name = "LeadMerge")
    public record Merge(@Schema(description = "SUBMISSION: a POST /api/leads merged into this lead") String kind,
            MatchedOn matchedOn, String source,
            @Schema(description = "the blank fields the submission filled (names only)") List<String> filledFields,
            Instant mergedAt, @Schema(description = "the caller's principal") String mergedBy) {
    }
}
