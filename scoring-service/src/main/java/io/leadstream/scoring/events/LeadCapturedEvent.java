package io.leadstream.scoring.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;
import io.leadstream.scoring.engine.LeadAttributes;

/**
 * scoring's own reading of capture's {@code leadstream.lead.captured.v1} (tolerant: unknown fields are ignored).
 * Checked against capture's JSON Schema in EventContractsTest.
 */
@EventType("lead.captured")
public record LeadCapturedEvent(UUID leadId, String source, String partnerId, String company, String country,
        String jobTitle, String language, List<String> products, String segment, List<String> tags, Deal dealSize,
        String campaign, Map<String, Object> customQualifiers, Instant capturedAt, Quality quality) {

    /** A deal size as capture's events carry it. */
    public record Deal(BigDecimal amount, String currency) {
        LeadAttributes.Money money() {
            return new LeadAttributes.Money(amount, currency);
        }
    }

    /** capture's derived quality flags. */
    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            String phoneCountry, boolean hasCompany, Boolean nameLooksReal, Boolean addressComplete,
            Boolean postcodeValid) {

        LeadAttributes.Quality attributes() {
            return new LeadAttributes.Quality(emailValid, emailDomainKind, phoneValid, phoneType, phoneCountry,
                    hasCompany, nameLooksReal, addressComplete, postcodeValid);
        }
    }

    LeadAttributes attributes() {
        return new LeadAttributes(source, partnerId, company, country, jobTitle, language, products, segment, tags,
                dealSize == null ? null : dealSize.money(), campaign, customQualifiers,
                quality == null ? null : quality.attributes());
    }
}
