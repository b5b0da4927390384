package io.leadstream.distribution.routing;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What routing knows about a lead, from capture's and scoring's events; no personal data. {@code source} is capture's
 * source (web, api, partner, import, whatsapp, call, …), {@code channel} the marketing channel (the UTM medium:
 * email, cpc, social, …), {@code capturedBy} the Keycloak username of whoever entered the lead through the API
 * (null for forms, webhooks and partners). Score and grade are null until the lead is scored.
 */
public record LeadFacts(UUID leadId, Set<String> products, String segment, String country, String source,
        String channel, String campaign, String partnerId, String language, String capturedBy, Integer score,
        String grade, boolean qualified) {

    public LeadFacts {
        Objects.requireNonNull(leadId, "leadId");
        products = products == null ? Set.of() : Set.copyOf(products);
    }
}
