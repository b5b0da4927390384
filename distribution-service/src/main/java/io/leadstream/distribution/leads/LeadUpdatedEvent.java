package io.leadstream.distribution.leads;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * distribution's reading of capture's {@code leadstream.lead.updated.v1}: the lead's attributes after the change
 * (tolerant reader). An update does not move an assignment; it changes what the next routing (re-evaluation on
 * qualification, simulate) sees.
 */
@EventType("lead.updated")
public record LeadUpdatedEvent(UUID leadId, String source, String country, String language, List<String> products,
        String segment, String campaign, LeadAttributes.Utm utm, Instant updatedAt) {

    public LeadAttributes attributes() {
        return new LeadAttributes(source, null, country, language, products, segment, campaign, utm, null);
    }
}
