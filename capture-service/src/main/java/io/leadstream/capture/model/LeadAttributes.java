package io.leadstream.capture.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lead as capture's lead events describe it: the business attributes, the custom qualifiers that are not free text,
 * and the derived quality flags; never names, emails, phones, the address, birth date, social handles, notes or
 * STRING qualifiers. {@code lead.captured} and {@code lead.updated} carry these fields at their top level,
 * {@code lead.merged} as its {@code survivor}; each event's schema declares them (additionalProperties false).
 */
public record LeadAttributes(String company, String country, String jobTitle, String language, List<String> products,
        String segment, List<String> tags, DealSize dealSize, String campaign, Map<String, String> utm,
        Map<String, Object> customQualifiers, Quality quality) {

    /** The quality flags as events carry them ({@link LeadQuality}). */
    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            boolean hasCompany, boolean nameLooksReal, boolean addressComplete, Boolean postcodeValid,
            String phoneCountry) {

        public static Quality of(NormalisedContact.Quality quality) {
            return new Quality(quality.emailValid(), quality.emailDomainKind(), quality.phoneValid(),
                    quality.phoneType(), quality.hasCompany(), quality.nameLooksReal(), quality.addressComplete(),
                    quality.postcodeValid(), quality.phoneCountry());
        }
    }

    /** The expected deal as events carry it. */
    public record DealSize(BigDecimal amount, String currency) {

        public static DealSize of(Lead lead) {
            return lead.dealAmount == null ? null : new DealSize(lead.dealAmount, lead.dealCurrency);
        }
    }

    /**
     * The lead's attributes with its quality flags.
     *
     * @param definitions the current definitions of (at least) the lead's custom qualifier keys
     */
    public static LeadAttributes of(Lead lead, NormalisedContact.Quality quality,
            Map<String, QualifierDefinition> definitions) {
        return new LeadAttributes(lead.company, lead.country, lead.jobTitle, lead.language, LeadFields.products(lead),
                lead.segment, LeadFields.tags(lead), DealSize.of(lead), lead.campaign, utm(lead),
                customQualifiers(lead.customQualifiers, definitions), Quality.of(quality));
    }

    /** The UTM parameters given (campaign attribution, not personal), or null. */
    static Map<String, String> utm(Lead lead) {
        return lead.utm == null || lead.utm.isEmpty() ? null : Map.copyOf(lead.utm);
    }

    /**
     * The custom qualifier values an event may carry, by key: those of type NUMBER, BOOLEAN, DATE and ENUM, as their
     * current definition reads them (a number, true/false, an ISO date, the option as defined). Never a STRING
     * qualifier: free text may hold anything, personal data included. A value that does not fit its key's current
     * definition (a key redefined since, say from STRING to ENUM, keeps its old values) or whose key has no definition
     * is left out too, so free text written under an old definition cannot travel either. Empty when none is left.
     */
    public static Map<String, Object> customQualifiers(Map<String, Object> values,
            Map<String, QualifierDefinition> definitions) {
        Map<String, Object> carried = new TreeMap<>();
        if (values == null) {
            return Map.of();
        }
        values.forEach((key, value) -> {
            QualifierDefinition definition = definitions.get(key);
            if (definition == null || definition.type() == QualifierType.STRING || value == null) {
                return;
            }
            Object typed = LeadDetailsNormaliser.typed(definition, value);
            if (typed != null) {
                carried.put(key, typed);
            }
        });
        return Collections.unmodifiableMap(carried);
    }
}
