package io.leadstream.capture.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one place that knows how a normalised lead maps onto the {@link Lead} row and back: writing it, the
 * lead as a request-shaped document (what a JSON merge patch applies to) and as flat field paths (what a patch
 * changed).
 */
public final class LeadFields {

    private LeadFields() {
    }

    /** Writes every caller-settable field of {@code contact} onto {@code lead} (not id, origin or times). */
    public static void write(Lead lead, NormalisedContact contact) {
        NormalisedContact.Details details = contact.details();
        lead.firstName = contact.firstName();
        lead.lastName = contact.lastName();
        lead.email = contact.email();
        lead.phone = contact.phone();
        lead.company = contact.company();
        lead.country = contact.country();
        lead.source = contact.source();
        lead.jobTitle = details.jobTitle();
        PostalAddress address = details.address();
        lead.street = address == null ? null : address.street();
        lead.city = address == null ? null : address.city();
        lead.postalCode = address == null ? null : address.postalCode();
        lead.region = address == null ? null : address.region();
        lead.language = details.language();
        lead.timeZone = details.timeZone();
        lead.products = details.products().toArray(String[]::new);
        lead.segment = details.segment();
        lead.tags = details.tags().toArray(String[]::new);
        lead.dealAmount = details.dealSize() == null ? null : details.dealSize().amount();
        lead.dealCurrency = details.dealSize() == null ? null : details.dealSize().currency();
        lead.customQualifiers = new TreeMap<>(details.custom());
        lead.socialAccounts = new TreeMap<>(details.socialAccounts());
        lead.birthDate = details.birthDate();
        lead.campaign = details.campaign();
        lead.utm = LeadDetailsNormaliser.utmMap(details.utm());
        lead.referrer = details.referrer();
        lead.notes = details.notes();
    }

    /** The lead's details (everything but names, email, phone, company, country and source), as a submission has them. */
    public static NormalisedContact.Details details(Lead lead) {
        return new NormalisedContact.Details(lead.jobTitle, address(lead), lead.language, lead.timeZone,
                products(lead), lead.segment, tags(lead), dealSize(lead),
                lead.customQualifiers == null ? Map.of() : lead.customQualifiers,
                lead.socialAccounts == null ? Map.of() : lead.socialAccounts, lead.birthDate, lead.campaign, utm(lead),
                lead.referrer, lead.notes);
    }

    public static PostalAddress address(Lead lead) {
        return lead.street == null && lead.city == null && lead.postalCode == null && lead.region == null ? null
                : new PostalAddress(lead.street, lead.city, lead.postalCode, lead.region);
    }

    public static DealSize dealSize(Lead lead) {
        return lead.dealAmount == null ? null : new DealSize(lead.dealAmount, lead.dealCurrency);
    }

    public static Utm utm(Lead lead) {
        Map<String, String> utm = lead.utm == null ? Map.of() : lead.utm;
        return utm.isEmpty() ? null
                : new Utm(utm.get("source"), utm.get("medium"), utm.get("campaign"), utm.get("term"), utm.get("content"));
    }

    public static List<String> products(Lead lead) {
        return lead.products == null ? List.of() : List.of(lead.products);
    }

    public static List<String> tags(Lead lead) {
        return lead.tags == null ? List.of() : List.of(lead.tags);
    }

    /**
     * A submission as normalised, in the shape of {@code LeadSubmission}, without the fields it did not send: what
     * a caller who may not see the lead it went to is shown (a partner, a rep), nothing of that lead.
     */
    public static Map<String, Object> submitted(NormalisedContact contact) {
        Lead shape = new Lead();
        write(shape, contact);
        return document(shape);
    }

    /**
     * The lead in the shape of {@code LeadSubmission} (JSON field names, nested objects; absent values left
     * out): the target document of a JSON merge patch.
     */
    public static Map<String, Object> document(Lead lead) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("firstName", lead.firstName);
        doc.put("lastName", lead.lastName);
        doc.put("email", lead.email);
        doc.put("phone", lead.phone);
        doc.put("company", lead.company);
        doc.put("country", lead.country);
        doc.put("source", lead.source);
        doc.put("jobTitle", lead.jobTitle);
        doc.put("address", compact(map("street", lead.street, "city", lead.city, "postalCode", lead.postalCode,
                "region", lead.region)));
        doc.put("language", lead.language);
        doc.put("timeZone", lead.timeZone);
        Map<String, Object> qualifiers = new LinkedHashMap<>();
        qualifiers.put("products", products(lead).isEmpty() ? null : products(lead));
        qualifiers.put("segment", lead.segment);
        qualifiers.put("tags", tags(lead).isEmpty() ? null : tags(lead));
        qualifiers.put("dealSize", lead.dealAmount == null ? null : map("amount", lead.dealAmount, "currency", lead.dealCurrency));
        qualifiers.put("custom", empty(lead.customQualifiers) ? null : new TreeMap<>(lead.customQualifiers));
        doc.put("qualifiers", compact(qualifiers));
        doc.put("additionalInfo", compact(map("socialAccounts",
                empty(lead.socialAccounts) ? null : new TreeMap<>(lead.socialAccounts),
                "birthDate", lead.birthDate == null ? null : lead.birthDate.toString())));
        doc.put("campaign", lead.campaign);
        doc.put("utm", empty(lead.utm) ? null : new LinkedHashMap<>(lead.utm));
        doc.put("referrer", lead.referrer);
        doc.put("notes", lead.notes);
        return compact(doc);
    }

    /**
     * The lead's caller-settable fields by path ({@code address.city}, {@code qualifiers.custom.budget}), with
     * values comparable by {@link #same}: what a patch changed is where two of these differ.
     */
    public static Map<String, Object> flat(Lead lead) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("firstName", lead.firstName);
        flat.put("lastName", lead.lastName);
        flat.put("email", lead.email);
        flat.put("phone", lead.phone);
        flat.put("company", lead.company);
        flat.put("jobTitle", lead.jobTitle);
        flat.put("address.street", lead.street);
        flat.put("address.city", lead.city);
        flat.put("address.postalCode", lead.postalCode);
        flat.put("address.region", lead.region);
        flat.put("country", lead.country);
        flat.put("language", lead.language);
        flat.put("timeZone", lead.timeZone);
        flat.put("qualifiers.products", products(lead));
        flat.put("qualifiers.segment", lead.segment);
        flat.put("qualifiers.tags", tags(lead));
        flat.put("qualifiers.dealSize", lead.dealAmount == null ? null
                : lead.dealAmount.stripTrailingZeros().toPlainString() + " " + lead.dealCurrency);
        if (lead.customQualifiers != null) {
            new TreeMap<>(lead.customQualifiers).forEach((key, value) -> flat.put("qualifiers.custom." + key, value));
        }
        flat.put("additionalInfo.socialAccounts", lead.socialAccounts == null ? Map.of() : new TreeMap<>(lead.socialAccounts));
        flat.put("additionalInfo.birthDate", lead.birthDate);
        flat.put("source", lead.source);
        flat.put("campaign", lead.campaign);
        Map<String, String> utm = lead.utm == null ? Map.of() : lead.utm;
        for (String part : List.of("source", "medium", "campaign", "term", "content")) {
            flat.put("utm." + part, utm.get(part));
        }
        flat.put("referrer", lead.referrer);
        flat.put("notes", lead.notes);
        return flat;
    }

    /** The paths whose values differ between two {@link #flat} views, in field order. */
    public static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Boolean> paths = new LinkedHashMap<>();
        before.keySet().forEach(path -> paths.put(path, true));
        after.keySet().forEach(path -> paths.put(path, true));
        return paths.keySet().stream().filter(path -> !same(before.get(path), after.get(path))).toList();
    }

    static boolean same(Object a, Object b) {
        return LeadDetailsNormaliser.sameValue(a, b);
    }

    private static boolean empty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Without null values; null when nothing is left (so an empty object is left out of its parent). */
    private static Map<String, Object> compact(Map<String, Object> map) {
        map.values().removeIf(Objects::isNull);
        return map.isEmpty() ? null : map;
    }
}
