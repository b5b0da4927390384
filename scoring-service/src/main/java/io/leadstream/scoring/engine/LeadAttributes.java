package io.leadstream.scoring.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What scoring knows of a lead from capture's events: business attributes and derived quality flags, never
 * personal data. Stored as jsonb on the lead's profile and read by every part of the score.
 */
public record LeadAttributes(String source, String partnerId, String company, String country, String jobTitle,
        String language, List<String> products, String segment, List<String> tags, Money dealSize, String campaign,
        Map<String, Object> customQualifiers, Quality quality) {

    public LeadAttributes {
        products = products == null ? List.of() : List.copyOf(products);
        tags = tags == null ? List.of() : List.copyOf(tags);
        customQualifiers = customQualifiers == null ? Map.of() : Map.copyOf(customQualifiers);
        quality = quality == null ? Quality.UNKNOWN : quality;
    }

    /** A deal size: an amount in an ISO 4217 currency. */
    public record Money(BigDecimal amount, String currency) {
    }

    /**
     * capture's derived quality flags. The Boolean ones are null in events written before capture derived them: an
     * unknown flag neither adds nor takes points.
     */
    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            String phoneCountry, boolean hasCompany, Boolean nameLooksReal, Boolean addressComplete,
            Boolean postcodeValid) {

        static final Quality UNKNOWN = new Quality(false, null, false, null, null, false, null, null, null);
    }
}
