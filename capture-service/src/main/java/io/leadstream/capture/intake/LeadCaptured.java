package io.leadstream.capture.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.NormalisedContact;
import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.captured.v1} (schema: {@code events/lead.captured.v1.json}). Carries the lead id,
 * business attributes and derived data-quality flags only: never names, emails, phones, addresses, birth dates,
 * social handles or notes.
 */
@EventType("lead.captured")
public record LeadCaptured(UUID leadId, String source, String partnerId, String formKey, String company,
        String country, String jobTitle, String language, List<String> products, String segment, List<String> tags,
        DealSize dealSize, String campaign, Map<String, String> utm, Instant capturedAt, Quality quality) implements DomainEvent {

    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            boolean hasCompany, boolean nameLooksReal, boolean addressComplete) {

        public static Quality of(NormalisedContact.Quality quality) {
            return new Quality(quality.emailValid(), quality.emailDomainKind(), quality.phoneValid(),
                    quality.phoneType(), quality.hasCompany(), quality.nameLooksReal(), quality.addressComplete());
        }
    }

    public record DealSize(BigDecimal amount, String currency) {

        public static DealSize of(Lead lead) {
            return lead.dealAmount == null ? null : new DealSize(lead.dealAmount, lead.dealCurrency);
        }
    }

    public static LeadCaptured of(Lead lead, NormalisedContact.Quality quality) {
        return new LeadCaptured(lead.id, lead.source, lead.partnerId, lead.formKey, lead.company, lead.country,
                lead.jobTitle, lead.language, LeadFields.products(lead), lead.segment, LeadFields.tags(lead),
                DealSize.of(lead), lead.campaign, utm(lead), lead.createdAt, Quality.of(quality));
    }

    /** The UTM parameters given (campaign attribution, not personal), or null. */
    public static Map<String, String> utm(Lead lead) {
        return lead.utm == null || lead.utm.isEmpty() ? null : Map.copyOf(lead.utm);
    }
}
