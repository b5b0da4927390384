package io.leadstream.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.scoring.scores.LeadScore.Reason;

class ScoringRulesTest {

    private final ScoringRules rules = new ScoringRules();

    @Test
    void shouldExplainEveryPointOfTheScore() {
        ScoringRules.Result result = rules.score(new LeadFacts("web", true, "GB", true, "CORPORATE", true, "MOBILE"));
        int sumOfReasons = result.reasons().stream().mapToInt(Reason::points).sum();
        assertThat(result.score()).isEqualTo(sumOfReasons);
        assertThat(result.score()).isEqualTo(result.fit() + result.engagement() + result.dataQuality());
        assertThat(result.reasons()).extracting(Reason::code)
                .contains("EMAIL_VALID", "EMAIL_CORPORATE", "PHONE_VALID", "PHONE_MOBILE", "COMPANY_KNOWN", "SOURCE_WEB",
                        "BUSINESS_CONTACT");
    }

    @Test
    void shouldScoreAWellQualifiedBusinessLeadHigherThanAnAnonymousOne() {
        int business = rules.score(new LeadFacts("referral", true, "DE", true, "CORPORATE", true, "MOBILE")).score();
        int anonymous = rules.score(new LeadFacts("import", false, null, true, "FREE", false, null)).score();
        assertThat(business).isGreaterThan(anonymous);
        assertThat(ScoringRules.grade(business)).isEqualTo("A");
        assertThat(ScoringRules.grade(anonymous)).isEqualTo("D");
    }

    @Test
    void shouldGradeByBands() {
        assertThat(ScoringRules.grade(100)).isEqualTo("A");
        assertThat(ScoringRules.grade(75)).isEqualTo("A");
        assertThat(ScoringRules.grade(74)).isEqualTo("B");
        assertThat(ScoringRules.grade(50)).isEqualTo("B");
        assertThat(ScoringRules.grade(49)).isEqualTo("C");
        assertThat(ScoringRules.grade(25)).isEqualTo("C");
        assertThat(ScoringRules.grade(24)).isEqualTo("D");
        assertThat(ScoringRules.grade(0)).isEqualTo("D");
    }

    @Test
    void shouldGiveUnknownSourcesTheDefaultPoints() {
        ScoringRules.Result result = rules.score(new LeadFacts("fax", false, null, false, null, false, null));
        assertThat(result.reasons()).extracting(Reason::code).contains("SOURCE_FAX");
        assertThat(result.fit()).isEqualTo(ScoringRules.OTHER_SOURCE_POINTS);
    }

    @Test
    void shouldStayWithin0And100() {
        ScoringRules.Result best = rules.score(new LeadFacts("referral", true, "GB", true, "CORPORATE", true, "MOBILE"));
        assertThat(best.score()).isBetween(0, 100);
    }
}
