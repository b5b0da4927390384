package io.leadstream.scoring.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The scoring rules as an admin configures them (stored as versioned JSON): points for each data-quality check,
 * ordered fit rules over the lead's qualifiers, engagement points with their half-life, grade bands, the
 * qualification threshold (the MQL hand-off), the step that makes the decay pass re-score a lead, and how far the
 * predictive model may move a score. {@link #defaults()} is the built-in version 1.
 */
@Schema(name = "RuleSet", description = "the scoring rules; every part is required (GET the rules in force to start from)")
public record RuleSet(DataQualityRules dataQuality, List<FitRule> fit, EngagementRules engagement, Grades grades,
        @Schema(description = "a score reaching it qualifies the lead (MQL), 1-100", examples = "60") int qualificationThreshold,
        @Schema(description = "the decay pass keeps a new score only when it moved by at least this", examples = "3")
        int rescoreStep,
        @Schema(description = "the most the predictive model may add or take, 0-50", examples = "15") int modelMaxPoints) {

    /** Points for each data-quality check; a check whose flag capture did not send counts nothing. */
    public record DataQualityRules(int nameLooksReal, int nameLooksMadeUp, int emailValid, int emailCorporate,
            int emailFree, int emailDisposable, int phoneValid, int phoneMobile, int phoneFromOtherCountry,
            int addressComplete, int postcodeValid, int postcodeInvalid, int companyKnown, int countryKnown) {
    }

    /** A fit rule: when the condition holds, the lead gets {@code points} with this code and sentence. */
    @Schema(name = "FitRule")
    public record FitRule(@Schema(description = "stable reason code, upper case", examples = "PRODUCT_HEAT_PUMPS") String code,
            Condition when, @Schema(description = "signed points, -100 to 100", examples = "15") int points,
            @Schema(description = "the sentence a rep reads in the reasons", examples = "interested in heat pumps")
            String detail) {
    }

    /**
     * A condition on one of the lead's attributes ({@link Field}); {@code value} is a string, a number, a boolean or
     * a list of strings as the operator needs; {@code currency} only for {@code dealSize}.
     */
    @Schema(name = "FitCondition", description = "a condition on one attribute of the lead")
    public record Condition(
            @Schema(description = "source, partner, country, language, segment, campaign, company, jobSeniority, "
                    + "products, tags, dealSize or custom.<key>", examples = "products") String field,
            Op op,
            @Schema(description = "a string, number or boolean; a list of them for IN and CONTAINS_ANY; none for "
                    + "PRESENT and ABSENT", examples = "heat-pumps") Object value,
            @Schema(description = "dealSize only: the ISO 4217 currency of value; other currencies never match",
                    examples = "EUR") String currency) {
    }

    public enum Op {
        EQUALS, NOT_EQUALS, IN, CONTAINS, CONTAINS_ANY, AT_LEAST, BELOW, PRESENT, ABSENT
    }

    /** The attributes a fit rule may test; {@code custom.<key>} tests a custom qualifier. */
    public enum Field {
        SOURCE("source"), PARTNER("partner"), COUNTRY("country"), LANGUAGE("language"), SEGMENT("segment"),
        CAMPAIGN("campaign"), COMPANY("company"), JOB_SENIORITY("jobSeniority"), PRODUCTS("products"), TAGS("tags"),
        DEAL_SIZE("dealSize"), CUSTOM("custom.");

        public final String key;

        Field(String key) {
            this.key = key;
        }

        public static Field of(String field) {
            if (field == null) {
                return null;
            }
            if (field.startsWith(CUSTOM.key) && field.length() > CUSTOM.key.length()) {
                return CUSTOM;
            }
            for (Field f : values()) {
                if (f != CUSTOM && f.key.equals(field)) {
                    return f;
                }
            }
            return null;
        }

        public boolean isList() {
            return this == PRODUCTS || this == TAGS;
        }

        public boolean isNumeric() {
            return this == DEAL_SIZE;
        }
    }

    /**
     * Engagement: points per signal kind and for the furthest pipeline stage reached; every signal loses half its
     * weight each {@code halfLifeDays}; the part never exceeds {@code max}.
     */
    public record EngagementRules(Map<Signal.Kind, Integer> points, Map<String, Integer> stagePoints, int halfLifeDays,
            int max) {
    }

    /** The lowest score of grades A, B and C; below C is D. */
    public record Grades(int a, int b, int c) {

        public String of(int score) {
            if (score >= a) {
                return "A";
            }
            if (score >= b) {
                return "B";
            }
            return score >= c ? "C" : "D";
        }
    }

    /** The built-in rules (version 1), used until an admin stores a version of their own. */
    public static RuleSet defaults() {
        return new RuleSet(
                new DataQualityRules(5, -10, 8, 7, 0, -20, 8, 4, -20, 5, 3, -10, 5, 3),
                List.of(
                        new FitRule("SOURCE_REFERRAL", new Condition("source", Op.EQUALS, "referral", null), 15,
                                "referred by a customer"),
                        new FitRule("SOURCE_PARTNER", new Condition("source", Op.EQUALS, "partner", null), 10,
                                "submitted by a partner company"),
                        new FitRule("SOURCE_DIRECT", new Condition("source", Op.IN, List.of("web", "api", "call",
                                "whatsapp"), null), 8, "came to us directly"),
                        new FitRule("DECISION_MAKER", new Condition("jobSeniority", Op.IN, List.of("C_LEVEL", "VP",
                                "DIRECTOR"), null), 10, "a decision maker (director or above)"),
                        new FitRule("PRODUCT_NAMED", new Condition("products", Op.PRESENT, null, null), 5,
                                "named a product of interest"),
                        new FitRule("DEAL_SIZE_LARGE", new Condition("dealSize", Op.AT_LEAST,
                                new BigDecimal("50000"), "EUR"), 10, "a deal of 50 000 EUR or more")),
                new EngagementRules(
                        Map.of(Signal.Kind.INQUIRY, 8, Signal.Kind.RESUBMISSION, 6, Signal.Kind.ACTIVITY, 3,
                                Signal.Kind.MESSAGE_REPLIED, 10),
                        Map.of("CONTACTED", 4, "NURTURING", 6, "QUALIFIED", 10, "NEGOTIATION", 15),
                        30, 40),
                new Grades(75, 50, 25), 60, 3, 15);
    }
}
