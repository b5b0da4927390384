package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;
import io.leadstream.distribution.leads.LeadAttributes;

/**
 * distribution's reading of capture's {@code leadstream.lead.merged.v1}: only MANUAL merges move assignments; the
 * survivor's state (absent in events written before capture sent it) replaces the attributes routing keeps.
 */
@EventType("lead.merged")
public record LeadMergedEvent(UUID leadId, String kind, UUID mergedLeadId, Survivor survivor, Instant mergedAt) {

    /** The survivor's attributes after the merge, as lead.updated carries them (no source, partner or capturer). */
    public record Survivor(String country, String language, List<String> products, String segment, String campaign,
            LeadAttributes.Utm utm) {

        public LeadAttributes attributes() {
            return new LeadAttributes(null, null, country, language, products, segment, campaign, utm, null);
        }
    }
}
