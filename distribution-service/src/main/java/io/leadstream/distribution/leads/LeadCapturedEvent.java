package io.leadstream.distribution.leads;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * distribution's reading of capture's {@code leadstream.lead.captured.v1}: the attributes routing reads (tolerant:
 * unknown fields are ignored). Checked against capture's JSON Schema in EventContractsTest.
 */
@EventType("lead.captured")
public record LeadCapturedEvent(UUID leadId, String source, String partnerId, String country, String language,
        List<String> products, String segment, String campaign, LeadAttributes.Utm utm, String capturedBy,
        Instant capturedAt) {

    public LeadAttributes attributes() {
        return new LeadAttributes(source, partnerId, country, language, products, segment, campaign, utm, capturedBy);
    }
}
