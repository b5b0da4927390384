package io.leadstream.capture.dedup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadDetailsNormaliser;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.NormalisedContact;

/**
 * What a submission merged into an existing lead adds beyond email, phone, company and country (de-duplication):
 * the survivor keeps everything it has; single values it lacks are filled (job title, the whole address when it
 * has none, language, time zone, segment, deal size, birth date, campaign, UTM, referrer, notes); products and tags
 * are joined (new ones appended); custom qualifiers and social accounts it lacks are added ({@link MergePolicy}). Each filled field is
 * recorded in {@code filled} under its name with the value it got.
 */
final class MergeFill {

    private MergeFill() {
    }

    static void fill(Lead lead, NormalisedContact.Details details, Map<String, Object> filled) {
        if (lead.jobTitle == null && details.jobTitle() != null) {
            lead.jobTitle = details.jobTitle();
            filled.put("jobTitle", details.jobTitle());
        }
        if (LeadFields.address(lead) == null && details.address() != null) {
            lead.street = details.address().street();
            lead.city = details.address().city();
            lead.postalCode = details.address().postalCode();
            lead.region = details.address().region();
            filled.put("address", details.address());
        }
        if (lead.language == null && details.language() != null) {
            lead.language = details.language();
            filled.put("language", details.language());
        }
        if (lead.timeZone == null && details.timeZone() != null) {
            lead.timeZone = details.timeZone();
            filled.put("timeZone", details.timeZone());
        }
        List<String> products = added(LeadFields.products(lead), details.products());
        if (!products.isEmpty()) {
            lead.products = joined(LeadFields.products(lead), products);
            filled.put("qualifiers.products", products);
        }
        if (lead.segment == null && details.segment() != null) {
            lead.segment = details.segment();
            filled.put("qualifiers.segment", details.segment());
        }
        List<String> tags = added(LeadFields.tags(lead), details.tags());
        if (!tags.isEmpty()) {
            lead.tags = joined(LeadFields.tags(lead), tags);
            filled.put("qualifiers.tags", tags);
        }
        if (lead.dealAmount == null && details.dealSize() != null) {
            lead.dealAmount = details.dealSize().amount();
            lead.dealCurrency = details.dealSize().currency();
            filled.put("qualifiers.dealSize", details.dealSize());
        }
        Map<String, Object> custom = new TreeMap<>(details.custom());
        custom.keySet().removeAll(lead.customQualifiers.keySet());
        if (!custom.isEmpty()) {
            Map<String, Object> all = new TreeMap<>(lead.customQualifiers);
            all.putAll(custom);
            lead.customQualifiers = all;
            filled.put("qualifiers.custom", custom);
        }
        Map<String, String> social = new TreeMap<>(details.socialAccounts());
        social.keySet().removeAll(lead.socialAccounts.keySet());
        if (!social.isEmpty()) {
            Map<String, String> all = new TreeMap<>(lead.socialAccounts);
            all.putAll(social);
            lead.socialAccounts = all;
            filled.put("additionalInfo.socialAccounts", social);
        }
        if (lead.birthDate == null && details.birthDate() != null) {
            lead.birthDate = details.birthDate();
            filled.put("additionalInfo.birthDate", details.birthDate().toString());
        }
        if (lead.campaign == null && details.campaign() != null) {
            lead.campaign = details.campaign();
            filled.put("campaign", details.campaign());
        }
        if (lead.utm.isEmpty() && details.utm() != null) {
            lead.utm = LeadDetailsNormaliser.utmMap(details.utm());
            filled.put("utm", lead.utm);
        }
        if (lead.referrer == null && details.referrer() != null) {
            lead.referrer = details.referrer();
            filled.put("referrer", details.referrer());
        }
        if (lead.notes == null && details.notes() != null) {
            lead.notes = details.notes();
            filled.put("notes", details.notes());
        }
    }

    private static List<String> added(List<String> existing, List<String> offered) {
        Set<String> added = new LinkedHashSet<>(offered);
        added.removeAll(existing);
        return List.copyOf(added);
    }

    private static String[] joined(List<String> existing, List<String> added) {
        List<String> all = new ArrayList<>(existing);
        all.addAll(added);
        return all.toArray(String[]::new);
    }
}
