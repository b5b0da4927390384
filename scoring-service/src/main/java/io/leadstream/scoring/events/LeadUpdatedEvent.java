package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;
import io.leadstream.scoring.engine.LeadAttributes;

/**
 * scoring's reading of capture's {@code leadstream.lead.updated.v1}: the lead's business attributes and quality flags
 * after the change (the changed fields are named, never their values).
 */
@EventType("lead.updated")
public record LeadUpdatedEvent(UUID leadId, List<String> changedFields, String source, String company, String country, String jobTitle, String language, List<String> products, String segment,
        List<String> tags, LeadCapturedEvent.Deal dealSize, String campaign, Map<String, Object> customQualifiers,
        Instant updatedAt,
        LeadCapturedEvent.Quality quality) {

    /** The lead's attributes after the change; the partner that submitted it does not change (not in the event). */
    LeadAttributes attributes(String partnerId) {
        return new LeadAttributes(source, partnerId, company, country, jobTitle, language, products, segment, tags,
                dealSize == null ? null : dealSize.money(), campaign, customQualifiers,
                quality == null ? null : quality.attributes());
    }
}
