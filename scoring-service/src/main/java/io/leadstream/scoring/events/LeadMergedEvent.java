package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.leadstream.scoring.engine.LeadAttributes;

import io.leadstream.chassis.events.EventType;

/**
 * scoring's reading of capture's {@code leadstream.lead.merged.v1}: SUBMISSION (the person submitted again; counts as
 * engagement) or MANUAL ({@code mergedLeadId} was merged into {@code leadId}: its engagement moves to the survivor and
 * its score is retired).
 */
@EventType("lead.merged")
public record LeadMergedEvent(UUID leadId, String kind, UUID mergedLeadId, String source, Survivor survivor,
        Instant mergedAt) {

    boolean manual() {
        return "MANUAL".equals(kind) && mergedLeadId != null;
    }

    /** The surviving lead after the merge (absent in events written before capture sent it). */
    public record Survivor(String company, String country, String jobTitle, String language, List<String> products,
            String segment, List<String> tags, LeadCapturedEvent.Deal dealSize, String campaign,
            Map<String, Object> customQualifiers, LeadCapturedEvent.Quality quality) {

        /** The survivor's attributes; its source and partner do not change in a merge. */
        LeadAttributes attributes(LeadAttributes before) {
            return new LeadAttributes(before == null ? null : before.source(), before == null ? null : before.partnerId(),
                    company, country, jobTitle, language, products, segment, tags,
                    dealSize == null ? null : dealSize.money(), campaign, customQualifiers,
                    quality == null ? null : quality.attributes());
        }
    }
}
