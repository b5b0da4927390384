package io.leadstream.capture.leads.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.dedup.MatchedOn;
import io.leadstream.capture.dedup.MergeRecord;

/** One merge in a lead's history as the API shows it (never the merged data: only which blank fields it filled). */
@Schema(name = "LeadMerge")
public record LeadMergeView(@Schema(description = "the lead merged into: this lead, or one that was merged into it "
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

    public static LeadMergeView of(MergeRecord merge) {
        return new LeadMergeView(merge.leadId(), merge.kind(), merge.matchedOn(), merge.source(), merge.filledFields(),
                merge.mergedAt(), merge.mergedBy(), merge.mergedLeadId(), merge.reason());
    }
}
