package io.leadstream.distribution.leads;

import java.util.List;

/**
 * The attributes routing reads from capture's lead.captured and lead.updated, and from lead.merged's survivor (which
 * carries no {@code source}, {@code partnerId} or {@code capturedBy}: null leaves those as they were).
 */
public record LeadAttributes(String source, String partnerId, String country, String language, List<String> products,
        String segment, String campaign, Utm utm, String capturedBy) {

    /** The UTM parameters; routing reads the medium as the lead's channel. */
    public record Utm(String source, String medium, String campaign) {
    }

    String channel() {
        return utm == null ? null : utm.medium();
    }

    String campaignOrUtm() {
        return campaign != null ? campaign : utm == null ? null : utm.campaign();
    }
}
