package io.leadstream.scoring.scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.leadstream.scoring.scores.LeadScore.Reason;

/**
 * The first, fixed rule set ({@value #VERSION}): data quality (up to 45), fit (up to 35) and engagement
 * (up to 20, none at capture). Every point comes with a reason. Versioned, editable rules and the
 * predictive model arrive with the scoring issue.
 */
public final class ScoringRules {

    public static final String VERSION = "rules-v1";

    static final Map<String, Integer> SOURCE_POINTS = Map.of("referral", 25, "partner", 20, "web", 15, "api", 15,
            "google-ads", 12, "whatsapp", 12, "call", 15, "import", 5);
    static final int OTHER_SOURCE_POINTS = 8;

    public record Result(int score, String grade, int fit, int engagement, int dataQuality, List<Reason> reasons) {
    }

    public Result score(LeadFacts lead) {
        List<Reason> reasons = new ArrayList<>();
        int quality = 0;
        if (lead.emailValid()) {
            quality += add(reasons, "EMAIL_VALID", 10, "a well-formed email address");
            if ("CORPORATE".equals(lead.emailDomainKind())) {
                quality += add(reasons, "EMAIL_CORPORATE", 5, "the email is on a company domain");
            }
        }
        if (lead.phoneValid()) {
            quality += add(reasons, "PHONE_VALID", 10, "a valid phone number for its country");
            if ("MOBILE".equals(lead.phoneType()) || "FIXED_LINE_OR_MOBILE".equals(lead.phoneType())) {
                quality += add(reasons, "PHONE_MOBILE", 5, "a mobile number (reachable by WhatsApp and SMS)");
            }
        }
        if (lead.hasCompany()) {
            quality += add(reasons, "COMPANY_KNOWN", 10, "the company is known");
        }
        if (lead.country() != null) {
            quality += add(reasons, "COUNTRY_KNOWN", 5, "the country is known");
        }

        int fit = 0;
        String source = lead.source() == null ? "" : lead.source();
        int sourcePoints = SOURCE_POINTS.getOrDefault(source, OTHER_SOURCE_POINTS);
        fit += add(reasons, "SOURCE_" + source.toUpperCase().replaceAll("[^A-Z0-9]", "_"), sourcePoints,
                "leads from '" + source + "' are worth " + sourcePoints + " points");
        if (lead.hasCompany() && "CORPORATE".equals(lead.emailDomainKind())) {
            fit += add(reasons, "BUSINESS_CONTACT", 10, "a business contact: company and corporate email");
        }

        int engagement = add(reasons, "NO_ENGAGEMENT_YET", 0, "no activity recorded yet");

        int total = Math.max(0, Math.min(100, quality + fit + engagement));
        return new Result(total, grade(total), fit, engagement, quality, List.copyOf(reasons));
    }

    public static String grade(int score) {
        if (score >= 75) {
            return "A";
        }
        if (score >= 50) {
            return "B";
        }
        if (score >= 25) {
            return "C";
        }
        return "D";
    }

    private static int add(List<Reason> reasons, String code, int points, String detail) {
        reasons.add(new Reason(code, points, detail));
        return points;
    }
}
