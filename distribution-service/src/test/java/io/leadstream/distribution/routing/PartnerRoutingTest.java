package io.leadstream.distribution.routing;

import static io.leadstream.distribution.routing.RouterTest.NOBODY_YET;
import static io.leadstream.distribution.routing.RouterTest.NOW;
import static io.leadstream.distribution.routing.RouterTest.lead;
import static io.leadstream.distribution.routing.RouterTest.products;
import static io.leadstream.distribution.routing.RouterTest.rep;
import static io.leadstream.distribution.routing.RouterTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.problem.Problem.FieldError;

/** Rules that share leads with a partner company: where the Router sends them, and what the validator accepts. */
class PartnerRoutingTest {

    static final List<RepProfile> REPS = List.of(rep("anna", "dach"), rep("bert", "dach"));

    @Test
    void shouldShareALeadWithThePartnerARuleNames() {
        RuleBook book = RouterTest.book(
                rule("solar", products("solar"), Target.team("dach"), Strategy.ROUND_ROBIN),
                rule("heat-pumps-acme", products("heat-pumps"), Target.partner("acme"), null));

        Decision d = Router.route(book, lead("heat-pumps", "DE"), REPS, Map.of(), NOBODY_YET, NOW);

        assertThat(d.shared()).isTrue();
        assertThat(d.assigned()).isFalse();
        assertThat(d.queued()).isFalse();
        assertThat(d.repId()).isNull();
        assertThat(d.strategy()).isNull();
        assertThat(d.rule()).isEqualTo("heat-pumps-acme");
        assertThat(d.target().key()).isEqualTo("partner:acme");
        assertThat(d.candidates()).isEmpty();
        assertThat(d.rotation()).isNull();
        assertThat(d.reason()).isEqualTo("rule heat-pumps-acme sends it to partner acme, who may accept or decline it");
    }

    @Test
    void shouldPassOverARuleForAPartnerThatDeclinedTheLead() {
        RuleBook book = RouterTest.book(
                rule("acme-first", products("heat-pumps"), Target.partner("acme"), null),
                rule("globex-next", products("heat-pumps"), Target.partner("globex"), null),
                rule("dach", products("heat-pumps"), Target.team("dach"), Strategy.ROUND_ROBIN));

        Decision second = Router.route(book, lead("heat-pumps", "DE"), REPS, Map.of(), NOBODY_YET, NOW,
                Set.of("acme"));
        Decision third = Router.route(book, lead("heat-pumps", "DE"), REPS, Map.of(), NOBODY_YET, NOW,
                Set.of("acme", "globex"));

        assertThat(second.target()).isEqualTo(Target.partner("globex"));
        assertThat(second.rulesNotMatched()).containsExactly(
                new Decision.RuleMiss("acme-first", "partner acme declined the lead or let it lapse"));
        assertThat(third.repId()).isEqualTo("anna");
        assertThat(third.rule()).isEqualTo("dach");
        assertThat(third.rulesNotMatched()).extracting(Decision.RuleMiss::rule).containsExactly("acme-first",
                "globex-next");
    }

    @Test
    void shouldSendALeadToEveryRepWhenTheFallbackPartnerDeclinedIt() {
        RuleBook book = new RuleBook(List.of(), new AssignmentRule("default", null, Target.partner("acme"), null, null,
                false, false));

        Decision shared = Router.route(book, lead("heat-pumps", "DE"), REPS, Map.of(), NOBODY_YET, NOW);
        Decision back = Router.route(book, lead("heat-pumps", "DE"), REPS, Map.of(), NOBODY_YET, NOW, Set.of("acme"));

        assertThat(shared.shared()).isTrue();
        assertThat(shared.byDefault()).isTrue();
        assertThat(back.shared()).isFalse();
        assertThat(back.repId()).isEqualTo("anna");
        assertThat(back.target()).isEqualTo(Target.ALL_REPS);
        assertThat(back.strategy()).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(back.rulesNotMatched()).containsExactly(new Decision.RuleMiss("default",
                "partner acme declined the lead or let it lapse, so every rep instead"));
    }

    @Test
    void shouldSimulateASharedLeadWithoutARep() {
        RuleBook book = RouterTest.book(rule("acme", products("heat-pumps"), Target.partner("acme"), null));

        List<Decision> decisions = Router.simulate(book, List.of(lead("heat-pumps", "DE"), lead("solar", "DE")), REPS,
                Map.of(), Map.of(), NOW);

        assertThat(decisions).extracting(Decision::shared, Decision::repId)
                .containsExactly(tuple(true, null), tuple(false, "anna"));
    }

    @Test
    void shouldAcceptAPartnerTargetWithoutAStrategyOnly() {
        AssignmentRule partner = new AssignmentRule("acme", null, Target.partner("acme"), null, null, false, false);
        AssignmentRule withStrategy = new AssignmentRule("acme-rr", null, Target.partner("acme"), Strategy.ROUND_ROBIN,
                null, false, false);
        AssignmentRule withoutId = new AssignmentRule("nobody", null, new Target(Target.Type.PARTNER, null), null,
                null, false, false);
        AssignmentRule badId = new AssignmentRule("bad", null, Target.partner("Not A Partner"), null, null, false,
                false);
        AssignmentRule fallback = new AssignmentRule("default", null, Target.partner("globex"), null, null, false,
                false);

        assertThat(RuleBookValidator.validate(new RuleBook(List.of(partner), fallback))).isEmpty();
        assertThat(RuleBookValidator.validate(new RuleBook(List.of(withStrategy, withoutId, badId), fallback)))
                .extracting(FieldError::field, FieldError::message).containsExactlyInAnyOrder(
                        tuple("rules[0].strategy", "rule 'acme-rr': a PARTNER target takes no strategy: the partner "
                                + "accepts or declines the lead"),
                        tuple("rules[1].target.id", "rule 'nobody': a PARTNER target needs the partner id"),
                        tuple("rules[2].target.id", "rule 'bad': a PARTNER target needs the partner id"));
    }
}
