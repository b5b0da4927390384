package io.leadstream.capture.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Contact data after normalisation, with the rest of the lead ({@link Details}) and the derived, non-personal
 * quality flags that go into events ({@link LeadQuality}).
 */
public record NormalisedContact(String firstName, String lastName, String email, String phone, String company,
        String country, String source, Details details, Quality quality) {

    /**
     * Everything beyond name and contact, normalised (see {@link LeadDetailsNormaliser}). Lists and maps are never
     * null (empty instead); {@code address} and {@code utm} are null when no part was given.
     */
    public record Details(String jobTitle, PostalAddress address, String language, String timeZone,
            List<String> products, String segment, List<String> tags, DealSize dealSize, Map<String, Object> custom,
            Map<String, String> socialAccounts, LocalDate birthDate, String campaign, Utm utm, String referrer,
            String notes) {

        public static final Details NONE = new Details(null, null, null, null, List.of(), null, List.of(), null,
                Map.of(), Map.of(), null, null, null, null, null);
    }

    /**
     * Derived, non-personal flags ({@link LeadQuality}). {@code phoneType} is libphonenumber's type (MOBILE,
     * FIXED_LINE, …) and {@code phoneCountry} the ISO 3166 alpha-2 region of the number, both null without a phone;
     * {@code postcodeValid} is null when there is no postal code or no known format for the country
     * ({@link PostcodeFormats}).
     */
    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            boolean hasCompany, boolean nameLooksReal, boolean addressComplete, Boolean postcodeValid,
            String phoneCountry) {
    }
}
