package io.leadstream.capture.partner.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.capture.partner.PartnerSubmissions;

/**
 * A partner's submission as that partner sees it: its own reference and the lead as it sent it (normalised).
 * Never the stored lead: when the submission matched a lead that exists already, the partner learns neither
 * that lead's id nor its data, nor whether there was a match.
 */
@Schema(name = "PartnerLead")
public record PartnerLeadView(
        @Schema(description = "this submission's id, the partner's reference (not a lead id)") UUID id,
        @Schema(description = "when the submission was received") Instant submittedAt,
        @Schema(implementation = LeadSubmission.class, description = "the lead as this partner submitted it, "
                + "normalised (email lower-cased, phone E.164, country alpha-2, source defaulted to partner); "
                + "fields it did not send are absent") ObjectNode lead) {

    public static PartnerLeadView of(PartnerSubmissions.Submitted submitted) {
        return new PartnerLeadView(submitted.id(), submitted.submittedAt(), submitted.lead());
    }
}
