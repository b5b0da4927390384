package io.leadstream.distribution.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;

class RuleBookValidatorTest {

    static final AssignmentRule FALLBACK = RuleBook.builtIn().fallback();

    @Test
    void shouldAcceptTheBuiltInBookAndAFullRule() {
        assertThat(RuleBookValidator.validate(RuleBook.builtIn())).isEmpty();
        AssignmentRule full = new AssignmentRule("dach-enterprise", new Conditions(Set.of("heat-pumps"),
                Set.of("enterprise"), Set.of("DE", "AT"), Set.of("web"), Set.of("cpc"), Set.of("spring"),
                Set.of("acme"), 50, 100, Set.of("A", "B"), true, Set.of("de"), Set.of("rep1")),
                Target.team("dach"), Strategy.WEIGHTED, Map.of("rep1", 3, "rep2", 0), true, true);
        assertThat(RuleBookValidator.validate(new RuleBook(List.of(full), FALLBACK))).isEmpty();
    }

    @Test
    void shouldNameTheFieldAndTheRuleOfEveryProblem() {
        AssignmentRule weightsWithoutWeighting = new AssignmentRule("rr", null, Target.ALL_REPS, Strategy.ROUND_ROBIN,
                Map.of("rep1", 2), false, false);
        AssignmentRule twin = new AssignmentRule("rr", null, Target.rep("Not A Username"), Strategy.OWNER, null, false,
                false);
        AssignmentRule namedDefault = new AssignmentRule("default", null, new Target(Target.Type.ALL_REPS, "x"), null,
                null, false, false);
        AssignmentRule badFallback = new AssignmentRule("default", new Conditions(Set.of("solar"), null, null, null,
                null, null, null, null, null, null, null, null, null), Target.ALL_REPS, Strategy.ROUND_ROBIN, null,
                false, true);

        List<FieldError> errors = RuleBookValidator.validate(new RuleBook(
                List.of(weightsWithoutWeighting, twin, namedDefault), badFallback));

        assertThat(errors).extracting(FieldError::field, FieldError::message).contains(
                tuple("rules[0].weights", "rule 'rr': weights apply to the WEIGHTED strategy only"),
                tuple("rules[1].name", "rule 'rr': another rule has this name"),
                tuple("rules[1].target.id", "rule 'rr': a REP target needs the rep id"),
                tuple("rules[2].name", "'default' names the fallback; choose another name"),
                tuple("rules[2].target.id", "rule 'default': ALL_REPS takes no id"),
                tuple("rules[2].strategy", "rule 'default': is required: ROUND_ROBIN, LOAD_BALANCED, WEIGHTED or OWNER"),
                tuple("fallback.when", "the fallback applies when no rule matches; it has no conditions"),
                tuple("fallback.reevaluateWhenQualified",
                        "set it on a rule; a lead the fallback assigned is re-routed only if a rule says so"));
    }

    @Test
    void shouldRequireAFallbackAndBoundScores() {
        AssignmentRule scores = new AssignmentRule("scores", new Conditions(null, null, null, null, null, null, null,
                -1, 101, Set.of("Z"), null, null, null), Target.ALL_REPS, Strategy.LOAD_BALANCED, null, false, false);
        assertThat(RuleBookValidator.validate(new RuleBook(List.of(scores), null)))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("rules[0].when.grades", "rules[0].when.minScore", "rules[0].when.maxScore",
                        "fallback");
        assertThat(RuleBookValidator.validate(null)).extracting(FieldError::field).containsExactly("");
    }
}
