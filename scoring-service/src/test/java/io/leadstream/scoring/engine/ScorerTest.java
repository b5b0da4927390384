package io.leadstream.scoring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.scoring.engine.LeadAttributes.Money;
import io.leadstream.scoring.engine.LeadAttributes.Quality;
import io.leadstream.scoring.engine.Reason.Part;
import io.leadstream.scoring.engine.RuleSet.Condition;
import io.leadstream.scoring.engine.RuleSet.FitRule;
import io.leadstream.scoring.engine.RuleSet.Op;

class ScorerTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final RuleSet DEFAULTS = RuleSet.defaults();

    static Quality quality(String domainKind, String phoneCountry, Boolean postcodeValid) {
        return new Quality(domainKind != null, domainKind, phoneCountry != null, "MOBILE", phoneCountry, true, true,
                true, postcodeValid);
    }

    static LeadAttributes lead(String country, Quality quality) {
        return new LeadAttributes("web", null, "Analytical Engines Ltd", country, "Head of Engineering", "en",
                List.of("heat-pumps"), "smb", List.of("trade-fair"), new Money(new BigDecimal("25000"), "EUR"),
                "spring", Map.of("employees", 250, "budgetApproved", true), quality);
    }

    static ScoreCard score(LeadAttributes lead) {
        return Scorer.score(DEFAULTS, lead, List.of(), List.of(), NOW);
    }

    static List<String> codes(ScoreCard card) {
        return card.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void shouldScoreEveryDataQualityCheckWithItsPoints() {
        ScoreCard good = score(lead("DE", quality("CORPORATE", "DE", true)));
        assertThat(good.reasons()).filteredOn(r -> r.part() == Part.DATA_QUALITY).extracting(Reason::toString)
                .containsExactly("+5 the name looks real", "+8 a well-formed email address", "+7 corporate email domain",
                        "+8 a valid phone number for DE", "+4 a mobile number (reachable by WhatsApp and SMS)",
                        "+5 a complete postal address", "+3 postcode valid for DE", "+5 the company is known",
                        "+3 the country is known");
        assertThat(good.dataQuality()).isEqualTo(48);
    }

    @Test
    void shouldTakePointsForADisposableEmailAPhoneFromAnotherCountryAnInvalidPostcodeAndAMadeUpName() {
        Quality bad = new Quality(true, "DISPOSABLE", true, "FIXED_LINE", "GB", false, false, false, false);
        ScoreCard card = score(lead("DE", bad));
        assertThat(card.reasons()).filteredOn(r -> r.part() == Part.DATA_QUALITY).extracting(Reason::toString)
                .containsExactly("-10 the name looks made up (a placeholder or key-mashing)",
                        "+8 a well-formed email address", "-20 disposable email domain",
                        "-20 phone number invalid for DE (it is a GB number)", "-10 postcode invalid for DE",
                        "+3 the country is known");
        assertThat(card.dataQuality()).isEqualTo(-49);
    }

    @Test
    void shouldLeaveOutChecksWhoseFlagCaptureDidNotSend() {
        Quality old = new Quality(true, "FREE", false, null, null, false, null, null, null);
        ScoreCard card = score(lead(null, old));
        assertThat(codes(card)).doesNotContain("NAME_LOOKS_REAL", "NAME_LOOKS_MADE_UP", "ADDRESS_COMPLETE",
                "POSTCODE_VALID", "POSTCODE_INVALID", "PHONE_VALID", "EMAIL_FREE", "COUNTRY_KNOWN");
        assertThat(codes(card)).contains("EMAIL_VALID");
    }

    @Test
    void shouldAddUpReasonsToTheScoreAndGradeByTheBands() {
        ScoreCard card = score(lead("DE", quality("CORPORATE", "DE", true)));
        assertThat(card.reasons().stream().mapToInt(Reason::points).sum()).isEqualTo(card.score());
        assertThat(card.score()).isEqualTo(48 + 8 + 10 + 5); // data quality + SOURCE_DIRECT + DECISION_MAKER + PRODUCT_NAMED
        assertThat(card.fit()).isEqualTo(23);
        assertThat(card.grade()).isEqualTo("B");
        RuleSet.Grades grades = new RuleSet.Grades(75, 50, 25);
        assertThat(List.of(grades.of(100), grades.of(75), grades.of(74), grades.of(50), grades.of(49), grades.of(25),
                grades.of(24), grades.of(0))).containsExactly("A", "A", "B", "B", "C", "C", "D", "D");
    }

    @Test
    void shouldCapAtOneHundredAndFloorAtZeroWithAReason() {
        ScoreCard high = Scorer.score(DEFAULTS, lead("DE", quality("CORPORATE", "DE", true)), List.of(),
                List.of(new Reason("MODEL_V1", Part.MODEL, 60, "model")), NOW);
        assertThat(high.score()).isEqualTo(100);
        assertThat(high.reasons()).last().extracting(Reason::code, Reason::points).containsExactly("SCORE_CAPPED", -31);
        ScoreCard low = Scorer.score(DEFAULTS, lead("DE", quality("CORPORATE", "DE", true)), List.of(),
                List.of(new Reason("MODEL_V1", Part.MODEL, -100, "model")), NOW);
        assertThat(low.score()).isZero();
        assertThat(low.reasons().stream().mapToInt(Reason::points).sum()).isZero();
        assertThat(low.model()).isEqualTo(-100);
    }

    static ScoreCard fit(Condition when, LeadAttributes lead) {
        RuleSet rules = new RuleSet(DEFAULTS.dataQuality(), List.of(new FitRule("RULE", when, 7, "the rule")),
                DEFAULTS.engagement(), DEFAULTS.grades(), 60, 3, 15);
        return Scorer.score(rules, lead, List.of(), List.of(), NOW);
    }

    static boolean matches(String field, Op op, Object value, String currency) {
        return fit(new Condition(field, op, value, currency), lead("DE", quality("CORPORATE", "DE", true))).fit() == 7;
    }

    @Test
    void shouldMatchEveryFitOperator() {
        assertThat(matches("source", Op.EQUALS, "WEB", null)).isTrue();
        assertThat(matches("source", Op.EQUALS, "partner", null)).isFalse();
        assertThat(matches("segment", Op.NOT_EQUALS, "enterprise", null)).isTrue();
        assertThat(matches("segment", Op.NOT_EQUALS, "smb", null)).isFalse();
        assertThat(matches("country", Op.IN, List.of("AT", "DE", "CH"), null)).isTrue();
        assertThat(matches("country", Op.IN, List.of("FR"), null)).isFalse();
        assertThat(matches("products", Op.CONTAINS, "heat-pumps", null)).isTrue();
        assertThat(matches("products", Op.CONTAINS, "solar", null)).isFalse();
        assertThat(matches("tags", Op.CONTAINS_ANY, List.of("webinar", "trade-fair"), null)).isTrue();
        assertThat(matches("tags", Op.CONTAINS_ANY, List.of("webinar"), null)).isFalse();
        assertThat(matches("dealSize", Op.AT_LEAST, 25000, "EUR")).isTrue();
        assertThat(matches("dealSize", Op.AT_LEAST, 25001, "EUR")).isFalse();
        assertThat(matches("dealSize", Op.AT_LEAST, 100, "USD")).as("a deal in another currency never matches").isFalse();
        assertThat(matches("dealSize", Op.BELOW, 30000, "EUR")).isTrue();
        assertThat(matches("dealSize", Op.BELOW, 25000, "EUR")).isFalse();
        assertThat(matches("campaign", Op.PRESENT, null, null)).isTrue();
        assertThat(matches("partner", Op.PRESENT, null, null)).isFalse();
        assertThat(matches("partner", Op.ABSENT, null, null)).isTrue();
        assertThat(matches("company", Op.ABSENT, null, null)).isFalse();
        assertThat(matches("language", Op.EQUALS, "en", null)).isTrue();
        assertThat(matches("jobSeniority", Op.IN, List.of("DIRECTOR", "VP"), null)).isTrue();
        assertThat(matches("jobSeniority", Op.EQUALS, "C_LEVEL", null)).isFalse();
    }

    @Test
    void shouldMatchCustomQualifiersByTypeAndValue() {
        assertThat(matches("custom.employees", Op.AT_LEAST, 200, null)).isTrue();
        assertThat(matches("custom.employees", Op.BELOW, 200, null)).isFalse();
        assertThat(matches("custom.employees", Op.EQUALS, 250.0, null)).as("numbers compare by value").isTrue();
        assertThat(matches("custom.budgetApproved", Op.EQUALS, true, null)).isTrue();
        assertThat(matches("custom.budgetApproved", Op.EQUALS, false, null)).isFalse();
        assertThat(matches("custom.missing", Op.ABSENT, null, null)).isTrue();
        assertThat(matches("custom.missing", Op.AT_LEAST, 1, null)).isFalse();
    }

    @Test
    void shouldWeighEngagementByRecencyWithTheHalfLife() {
        LeadAttributes lead = lead("DE", quality("CORPORATE", "DE", true));
        List<Signal> today = List.of(new Signal(Signal.Kind.INQUIRY, "whatsapp", NOW.minus(Duration.ofHours(1))));
        List<Signal> monthOld = List.of(new Signal(Signal.Kind.INQUIRY, "whatsapp", NOW.minus(Duration.ofDays(30))));
        List<Signal> twoMonthsOld = List.of(new Signal(Signal.Kind.INQUIRY, "call", NOW.minus(Duration.ofDays(60))));
        assertThat(Scorer.score(DEFAULTS, lead, today, List.of(), NOW).engagement()).isEqualTo(8);
        assertThat(Scorer.score(DEFAULTS, lead, monthOld, List.of(), NOW).engagement()).isEqualTo(4);
        assertThat(Scorer.score(DEFAULTS, lead, twoMonthsOld, List.of(), NOW).engagement()).isEqualTo(2);
        assertThat(Scorer.score(DEFAULTS, lead, monthOld, List.of(), NOW).reasons()).extracting(Reason::toString)
                .contains("+4 1 inquiry, the latest 30 days ago");
    }

    @Test
    void shouldCountEachSignalKindOnceAsAReasonAndOnlyTheFurthestStage() {
        List<Signal> signals = List.of(
                new Signal(Signal.Kind.INQUIRY, "whatsapp", NOW.minus(Duration.ofDays(2))),
                new Signal(Signal.Kind.INQUIRY, "call", NOW),
                new Signal(Signal.Kind.RESUBMISSION, "web", NOW),
                new Signal(Signal.Kind.STAGE, "CONTACTED", NOW.minus(Duration.ofDays(1))),
                new Signal(Signal.Kind.STAGE, "NEGOTIATION", NOW),
                new Signal(Signal.Kind.STAGE, "NURTURING", NOW));
        ScoreCard card = Scorer.score(DEFAULTS, lead("DE", quality("CORPORATE", "DE", true)), signals, List.of(), NOW);
        assertThat(card.reasons()).filteredOn(r -> r.part() == Part.ENGAGEMENT).extracting(Reason::code, Reason::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INQUIRY", 16),
                        org.assertj.core.groups.Tuple.tuple("RESUBMISSION", 6),
                        org.assertj.core.groups.Tuple.tuple("STAGE_NEGOTIATION", 15));
        assertThat(card.engagement()).isEqualTo(37);
    }

    @Test
    void shouldCapEngagementAtItsMaximum() {
        List<Signal> many = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> new Signal(Signal.Kind.MESSAGE_REPLIED, null, NOW)).toList();
        ScoreCard card = Scorer.score(DEFAULTS, lead("DE", quality("CORPORATE", "DE", true)), many, List.of(), NOW);
        assertThat(card.engagement()).isEqualTo(40);
        assertThat(card.reasons()).extracting(Reason::toString).contains("+100 replied to 10 messages, the latest today",
                "-60 engagement counts at most 40 points");
    }
}
