package io.leadstream.capture.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadAttributes;
import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.captured.v1} (schema: {@code events/lead.captured.v1.json}). Carries the lead id, origin,
 * business attributes, non-free-text custom qualifiers and derived data-quality flags ({@link LeadAttributes}) only:
 * never names, emails, phones, addresses or postal codes, birth dates, social handles, notes or STRING qualifiers.
 * {@code capturedBy} names the rep or integration that captured it ({@link Origin#capturedBy()}): a username of
 * ours, as {@code lead.assigned} names reps, not the lead's personal data.
 */
@EventType("lead.captured")
public record LeadCaptured(UUID leadId, String source, String partnerId, String formKey, String capturedBy,
        String company, String country, String jobTitle, String language, List<String> products, String segment,
        List<String> tags, LeadAttributes.DealSize dealSize, String campaign, Map<String, String> utm,
        Map<String, Object> customQualifiers, Instant capturedAt, LeadAttributes.Quality quality)
        implements DomainEvent {

    public static LeadCaptured of(Lead lead, LeadAttributes attributes) {
        return new LeadCaptured(lead.id, lead.source, lead.partnerId, lead.formKey, lead.capturedBy,
                attributes.company(), attributes.country(), attributes.jobTitle(), attributes.language(),
                attributes.products(), attributes.segment(), attributes.tags(), attributes.dealSize(),
                attributes.campaign(), attributes.utm(), attributes.customQualifiers(), lead.createdAt,
                attributes.quality());
    }
}
