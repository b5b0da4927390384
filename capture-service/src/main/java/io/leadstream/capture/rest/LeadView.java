package io.leadstream.capture.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.Lead;

/** A lead as the API shows it. */
@Schema(name = "Lead")
public record LeadView(UUID id, String firstName, String lastName, String email, String phone, String company,
        String country, String source, Instant createdAt, Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only in the 200 answer of POST /api/leads: the submission was merged into this "
                + "existing lead (the same as id) instead of creating a new one") UUID duplicateOf,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only in GET /api/leads/{id} and the merge answer: how many merges this lead has had, "
                + "including those of leads merged into it (history: GET /api/leads/{id}/duplicates)") Long merges,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only for a lead a manager merged into another: the surviving lead, which now stands "
                + "for this one (this lead is no longer searched or matched)") UUID mergedInto,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "with mergedInto: when it was merged") Instant mergedAt) {

    public static LeadView of(Lead lead) {
        return new LeadView(lead.id, lead.firstName, lead.lastName, lead.email, lead.phone, lead.company, lead.country,
                lead.source, lead.createdAt, lead.updatedAt, null, null, lead.mergedInto, lead.mergedAt);
    }

    /** This lead as the answer to a submission that was merged into it. */
    public LeadView asDuplicate() {
        return new LeadView(id, firstName, lastName, email, phone, company, country, source, createdAt, updatedAt, id,
                null, mergedInto, mergedAt);
    }

    /** This lead with the number of merges it has had. */
    public LeadView withMerges(long count) {
        return new LeadView(id, firstName, lastName, email, phone, company, country, source, createdAt, updatedAt,
                duplicateOf, count, mergedInto, mergedAt);
    }
}
