package io.leadstream.capture.dedup.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.dedup.MatchedOn;



/** A lead's suspected duplicates with the reasons, and the merges into it (without the merged data). */
@Schema(name = "LeadDuplicates")
public record LeadDuplicatesView(UUID leadId,
        @Schema(description = "other leads (not merged away) sharing this lead's email or phone now, with a similar "
                + "name at the same company now, and pairs flagged when captured")
        List<Duplicate> duplicates,
        @Schema(description = "merges into this lead and into the leads merged into it, oldest first") List<Merge> merges) {

    @Schema(name = "SuspectedDuplicate")
    public record Duplicate(UUID leadId,
            @Schema(description = "EMAIL and/or PHONE (exact), NAME_AND_COMPANY (a similar name at the same company: "
                    + "a suspicion only, never merged automatically)") List<MatchedOn> matchedOn,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "with NAME_AND_COMPANY: how similar the names are, 0–1 (trigram similarity of the "
                    + "names folded for case, accents and spacing; word order ignored)", minimum = "0", maximum = "1")
            Double similarity,
            @Schema(description = "why, in words: shared now, similar now, flagged at capture, or several") String detail) {
    }

    @Schema(name = "LeadMerge")
    public record Merge(@Schema(description = "the lead merged into: this lead, or one that was merged into it "
            + "later (its history stays with it)") UUID leadId,
            @Schema(description = "SUBMISSION: a POST /api/leads merged into the lead; MANUAL: a manager merged "
                    + "another lead into it (POST /api/leads/{id}/merge)") String kind,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "how they matched; absent for a manual merge of leads that matched on nothing")
            MatchedOn matchedOn,
            @Schema(description = "the submission's source, or the merged lead's") String source,
            @Schema(description = "the blank fields the merge filled (names only)") List<String> filledFields,
            Instant mergedAt, @Schema(description = "the caller's principal") String mergedBy,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "MANUAL only: the lead that was merged") UUID mergedLeadId,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "MANUAL only: the manager's reason") String reason) {
    }
}
