package io.leadstream.capture.leads;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadAttributes;
import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.updated.v1} (schema: {@code events/lead.updated.v1.json}): a lead was changed through
 * {@code PATCH /api/leads/{id}}. {@code changedFields} are field paths only ({@code email}, {@code address.city},
 * {@code qualifiers.custom.budget}), never their values; the business attributes, non-free-text custom qualifiers and
 * quality flags ({@link LeadAttributes}) are the lead's state after the change. No personal data.
 */
@EventType("lead.updated")
public record LeadUpdated(UUID leadId, List<String> changedFields, String source, String company, String country,
        String jobTitle, String language, List<String> products, String segment, List<String> tags,
        LeadAttributes.DealSize dealSize, String campaign, Map<String, String> utm, Map<String, Object> customQualifiers,
        LeadAttributes.Quality quality, Instant updatedAt) implements DomainEvent {

    public static LeadUpdated of(Lead lead, List<String> changedFields, LeadAttributes attributes) {
        return new LeadUpdated(lead.id, List.copyOf(changedFields), lead.source, attributes.company(),
                attributes.country(), attributes.jobTitle(), attributes.language(), attributes.products(),
                attributes.segment(), attributes.tags(), attributes.dealSize(), attributes.campaign(), attributes.utm(),
                attributes.customQualifiers(), attributes.quality(), lead.updatedAt);
    }
}
