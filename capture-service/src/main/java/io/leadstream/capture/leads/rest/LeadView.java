package io.leadstream.capture.leads.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.consent.rest.ConsentLedgerView;
import io.leadstream.capture.leads.LeadRecord;
import io.leadstream.capture.model.AdditionalInfo;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.PostalAddress;
import io.leadstream.capture.model.Qualifiers;
import io.leadstream.capture.model.Utm;

/**
 * A lead as the API shows it: contact, basic info, qualifiers, additional info, source details and notes.
 * {@code address}, {@code dealSize}, {@code utm} and other absent values are null; lists and maps are empty.
 */
@Schema(name = "Lead")
public record LeadView(UUID id, String firstName, String lastName, String email, String phone, String company,
        @Schema(nullable = true) String jobTitle,
        @Schema(nullable = true) PostalAddress address,
        @Schema(nullable = true) String country,
        @Schema(nullable = true) String language,
        @Schema(nullable = true) String timeZone,
        Qualifiers qualifiers,
        AdditionalInfo additionalInfo,
        String source,
        @Schema(nullable = true) String campaign,
        @Schema(nullable = true) Utm utm,
        @Schema(nullable = true) String referrer,
        @Schema(nullable = true, description = "the partner tenant that submitted it") String partnerId,
        @Schema(nullable = true, description = "the web form it was posted to") String formKey,
        @Schema(nullable = true, description = "who captured it through the authenticated API (POST /api/leads, the "
                + "import, POST /api/calls): the caller's Keycloak username (a rep, or an integration's service "
                + "account); null for web forms, webhooks and partner submissions. A merged submission does not "
                + "change it") String capturedBy,
        @Schema(nullable = true) String notes,
        Instant createdAt, Instant updatedAt,
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
        @Schema(description = "with mergedInto: when it was merged") Instant mergedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only in GET /api/leads/{id}: the current consent per purpose and channel (the whole "
                + "ledger with its proof: GET /api/leads/{id}/consents)") List<ConsentLedgerView.CurrentConsent> consent,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "only in GET /api/leads/{id}: the merges into this lead and into the leads merged into "
                + "it, oldest first (never the merged data)") List<LeadMergeView> mergeHistory) {

    public static LeadView of(Lead lead) {
        Map<String, Object> custom = lead.customQualifiers == null ? Map.of() : lead.customQualifiers;
        Map<String, String> social = lead.socialAccounts == null ? Map.of() : lead.socialAccounts;
        LocalDate birthDate = lead.birthDate;
        List<String> products = LeadFields.products(lead);
        return new LeadView(lead.id, lead.firstName, lead.lastName, lead.email, lead.phone, lead.company, lead.jobTitle,
                LeadFields.address(lead), lead.country, lead.language, lead.timeZone,
                new Qualifiers(products, lead.segment, LeadFields.tags(lead), LeadFields.dealSize(lead), custom),
                new AdditionalInfo(social, birthDate), lead.source, lead.campaign, LeadFields.utm(lead), lead.referrer,
                lead.partnerId, lead.formKey, lead.capturedBy, lead.notes, lead.createdAt, lead.updatedAt, null, null,
                lead.mergedInto, lead.mergedAt, null, null);
    }

    /** This lead as the answer to a submission that was merged into it. */
    public LeadView asDuplicate() {
        return new LeadView(id, firstName, lastName, email, phone, company, jobTitle, address, country, language,
                timeZone, qualifiers, additionalInfo, source, campaign, utm, referrer, partnerId, formKey, capturedBy,
                notes, createdAt, updatedAt, id, null, mergedInto, mergedAt, null, null);
    }

    /** This lead with the number of merges it has had. */
    public LeadView withMerges(long count) {
        return new LeadView(id, firstName, lastName, email, phone, company, jobTitle, address, country, language,
                timeZone, qualifiers, additionalInfo, source, campaign, utm, referrer, partnerId, formKey, capturedBy,
                notes, createdAt, updatedAt, duplicateOf, count, mergedInto, mergedAt, consent, mergeHistory);
    }

    /** A lead as {@code GET /api/leads/{id}} shows it: with its current consents and merge history. */
    public static LeadView of(LeadRecord record) {
        return of(record.lead()).withHistory(record.consent().stream().map(ConsentLedgerView.CurrentConsent::of).toList(),
                record.mergeHistory().stream().map(LeadMergeView::of).toList());
    }

    /** This lead with its current consents and merge history (GET /api/leads/{id}). */
    private LeadView withHistory(List<ConsentLedgerView.CurrentConsent> currentConsent, List<LeadMergeView> merges) {
        return new LeadView(id, firstName, lastName, email, phone, company, jobTitle, address, country, language,
                timeZone, qualifiers, additionalInfo, source, campaign, utm, referrer, partnerId, formKey, capturedBy,
                notes, createdAt, updatedAt, duplicateOf, (long) merges.size(), mergedInto, mergedAt, currentConsent,
                merges);
    }
}
