package io.leadstream.capture.dedup.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.dedup.Duplicates;
import io.leadstream.capture.dedup.MatchedOn;
import io.leadstream.capture.leads.rest.LeadMergeView;

/** A lead's suspected duplicates with the reasons, and the merges into it (without the merged data). */
@Schema(name = "LeadDuplicates")
public record LeadDuplicatesView(UUID leadId,
        @Schema(description = "other leads (not merged away) sharing this lead's email or phone now, with a similar "
                + "name at the same company now, and pairs flagged when captured")
        List<Duplicate> duplicates,
        @Schema(description = "merges into this lead and into the leads merged into it, oldest first") List<LeadMergeView> merges) {

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

    public static LeadDuplicatesView of(Duplicates duplicates) {
        return new LeadDuplicatesView(duplicates.leadId(), duplicates.suspects().stream()
                .map(s -> new Duplicate(s.leadId(), s.matchedOn(), s.similarity(), s.detail())).toList(),
                duplicates.merges().stream().map(LeadMergeView::of).toList());
    }
}
