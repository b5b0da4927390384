package io.leadstream.capture.messaging;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.capture.Lead;
import io.leadstream.capture.service.NormalisedContact;

/**
 * {@code leadstream.lead.captured.v1} (schema: {@code events/lead.captured.v1.json}). Carries the lead id,
 * business attributes and derived data-quality flags only: never names, emails, phones or addresses.
 */
public record LeadCaptured(UUID leadId, String source, String partnerId, String formKey, String company,
        String country, Instant capturedAt, Quality quality) {

    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            boolean hasCompany, boolean nameLooksReal) {
    }

    public static LeadCaptured of(Lead lead, NormalisedContact.Quality quality) {
        return new LeadCaptured(lead.id, lead.source, lead.partnerId, lead.formKey, lead.company, lead.country, lead.createdAt,
                new Quality(quality.emailValid(), quality.emailDomainKind(), quality.phoneValid(), quality.phoneType(),
                        quality.hasCompany(), quality.nameLooksReal()));
    }
}
