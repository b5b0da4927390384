package io.leadstream.scoring.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.scoring.engine.RuleSet.Condition;
import io.leadstream.scoring.engine.RuleSet.FitRule;
import io.leadstream.scoring.engine.RuleSet.Op;

class RuleSetValidatorTest {

    static final RuleSet D = RuleSet.defaults();

    static RuleSet withFit(FitRule... rules) {
        List<FitRule> fit = new ArrayList<>(D.fit());
        fit.addAll(List.of(rules));
        return new RuleSet(D.dataQuality(), fit, D.engagement(), D.grades(), D.qualificationThreshold(), D.rescoreStep(),
                D.modelMaxPoints());
    }

    static List<String> fields(RuleSet rules) {
        return RuleSetValidator.validate(rules).stream().map(FieldError::field).toList();
    }

    @Test
    void shouldAcceptTheDefaults() {
        assertThat(RuleSetValidator.validate(D)).isEmpty();
    }

    @Test
    void shouldNameTheRuleAndFieldOfEachProblem() {
        int n = D.fit().size();
        RuleSet bad = withFit(
                new FitRule("lower case", new Condition("products", Op.CONTAINS, "x", null), 5, "ok"),
                new FitRule("UNKNOWN_FIELD", new Condition("email", Op.EQUALS, "x", null), 5, "ok"),
                new FitRule("LIST_OP_ON_SCALAR", new Condition("country", Op.CONTAINS, "DE", null), 5, "ok"),
                new FitRule("NO_CURRENCY", new Condition("dealSize", Op.AT_LEAST, 100, null), 5, "ok"),
                new FitRule("IN_WITHOUT_LIST", new Condition("country", Op.IN, "DE", null), 5, "ok"),
                new FitRule("TOO_MANY_POINTS", new Condition("country", Op.EQUALS, "DE", null), 500, "ok"),
                new FitRule("NO_DETAIL", new Condition("country", Op.EQUALS, "DE", null), 5, " "),
                new FitRule("BAD_SENIORITY", new Condition("jobSeniority", Op.EQUALS, "BOSS", null), 5, "ok"),
                new FitRule("SOURCE_REFERRAL", new Condition("source", Op.PRESENT, "x", null), 5, "ok"));
        assertThat(fields(bad)).containsExactly("fit[" + n + "].code", "fit[" + (n + 1) + "].when.field",
                "fit[" + (n + 2) + "].op".replace(".op", ".when.op"), "fit[" + (n + 3) + "].when.currency",
                "fit[" + (n + 4) + "].when.value", "fit[" + (n + 5) + "].points", "fit[" + (n + 6) + "].detail",
                "fit[" + (n + 7) + "].when.value", "fit[" + (n + 8) + "].code", "fit[" + (n + 8) + "].when.value");
    }

    @Test
    void shouldCheckBandsThresholdsAndEngagement() {
        RuleSet bad = new RuleSet(D.dataQuality(), D.fit(),
                new RuleSet.EngagementRules(Map.of(Signal.Kind.STAGE, 5), Map.of("CUSTOMER", 5), 0, 101),
                new RuleSet.Grades(50, 60, 10), 0, 0, 99);
        assertThat(fields(bad)).containsExactlyInAnyOrder("engagement.halfLifeDays", "engagement.max",
                "engagement.points.STAGE", "engagement.stagePoints.CUSTOMER", "grades", "qualificationThreshold",
                "rescoreStep", "modelMaxPoints");
    }

    @Test
    void shouldCheckEveryDataQualityPoint() {
        RuleSet.DataQualityRules q = new RuleSet.DataQualityRules(5, -10, 8, 7, 0, -101, 8, 4, -20, 5, 3, -10, 5, 101);
        RuleSet bad = new RuleSet(q, D.fit(), D.engagement(), D.grades(), 60, 3, 15);
        assertThat(fields(bad)).containsExactly("dataQuality.emailDisposable", "dataQuality.countryKnown");
    }

    @Test
    void shouldRequireEveryPart() {
        assertThat(fields(new RuleSet(null, null, null, null, 60, 3, 15)))
                .containsExactly("dataQuality", "fit", "engagement", "grades");
    }

    @Test
    void shouldReadSeniorityFromTitles() {
        assertThat(JobSeniority.of("Chief Executive Officer")).isEqualTo(JobSeniority.C_LEVEL);
        assertThat(JobSeniority.of("CTO")).isEqualTo(JobSeniority.C_LEVEL);
        assertThat(JobSeniority.of("Geschäftsführerin")).isEqualTo(JobSeniority.C_LEVEL);
        assertThat(JobSeniority.of("VP Sales")).isEqualTo(JobSeniority.VP);
        assertThat(JobSeniority.of("Head of Engineering")).isEqualTo(JobSeniority.DIRECTOR);
        assertThat(JobSeniority.of("Leiter Einkauf")).isEqualTo(JobSeniority.DIRECTOR);
        assertThat(JobSeniority.of("Purchasing Manager")).isEqualTo(JobSeniority.MANAGER);
        assertThat(JobSeniority.of("Engineer")).isEqualTo(JobSeniority.STAFF);
        assertThat(JobSeniority.of(" ")).isNull();
    }
}
