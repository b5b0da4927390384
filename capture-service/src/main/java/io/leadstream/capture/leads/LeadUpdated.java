package io.leadstream.capture.leads;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadstream.capture.intake.LeadCaptured;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.NormalisedContact;
import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.updated.v1} (schema: {@code events/lead.updated.v1.json}): a lead was changed through
 * {@code PATCH /api/leads/{id}}. {@code changedFields} are field paths only ({@code email}, {@code address.city},
 * {@code qualifiers.custom.budget}), never their values; the business attributes and quality flags are the lead's
 * state after the change. No personal data.
 */
@EventType("lead.updated")
public record LeadUpdated(UUID leadId, List<String> changedFields, String source, String company, String country,
        String jobTitle, String language, List<String> products, String segment, List<String> tags,
        LeadCaptured.DealSize dealSize, String campaign, Map<String, String> utm, LeadCaptured.Quality quality,
        Instant updatedAt) implements DomainEvent {

    public static LeadUpdated of(Lead lead, List<String> changedFields, NormalisedContact.Quality quality) {
        return new LeadUpdated(lead.id, List.copyOf(changedFields), lead.source, lead.company, lead.country,
                lead.jobTitle, lead.language, LeadFields.products(lead), lead.segment, LeadFields.tags(lead),
                LeadCaptured.DealSize.of(lead), lead.campaign, LeadCaptured.utm(lead), LeadCaptured.Quality.of(quality),
                lead.updatedAt);
    }
}
