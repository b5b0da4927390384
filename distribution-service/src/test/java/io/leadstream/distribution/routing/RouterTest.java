package io.leadstream.distribution.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.leadstream.distribution.calendar.OutOfOffice;
import io.leadstream.distribution.calendar.TimeRange;
import io.leadstream.distribution.calendar.WorkingHours;

class RouterTest {

    /** Thursday 2026-12-03, 10:00 in Berlin (09:00 UTC). */
    static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    static final Function<String, String> NOBODY_YET = rotation -> null;

    static LeadFacts lead(String product, String country) {
        return new LeadFacts(UUID.randomUUID(), product == null ? Set.of() : Set.of(product), "smb", country, "web",
                "email", "spring", null, "de", null, 70, "B", false);
    }

    static RepProfile rep(String id, String team) {
        return RepProfile.simple(id, team);
    }

    static AssignmentRule rule(String name, Conditions when, Target target, Strategy strategy) {
        return new AssignmentRule(name, when, target, strategy, null, false, false);
    }

    static Conditions products(String... products) {
        return new Conditions(Set.of(products), null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static RuleBook book(AssignmentRule... rules) {
        return new RuleBook(List.of(rules), RuleBook.builtIn().fallback());
    }

    @Test
    void shouldApplyTheFirstMatchingRuleAndSayWhyEarlierOnesDidNot() {
        RuleBook book = book(
                rule("solar", products("solar"), Target.team("solar"), Strategy.ROUND_ROBIN),
                rule("heat-pumps", products("heat-pumps"), Target.team("dach"), Strategy.ROUND_ROBIN),
                rule("also-heat-pumps", products("heat-pumps"), Target.rep("zed"), Strategy.ROUND_ROBIN));
        List<RepProfile> reps = List.of(rep("anna", "dach"), rep("bert", "dach"), rep("sol", "solar"), rep("zed", null));

        Decision d = Router.route(book, lead("heat-pumps", "DE"), reps, Map.of(), NOBODY_YET, NOW);

        assertThat(d.rule()).isEqualTo("heat-pumps");
        assertThat(d.ruleIndex()).isEqualTo(1);
        assertThat(d.repId()).isEqualTo("anna");
        assertThat(d.candidates()).extracting(Decision.Candidate::repId).containsExactly("anna", "bert");
        assertThat(d.rulesNotMatched()).containsExactly(new Decision.RuleMiss("solar", "product heat-pumps is not solar"));
        assertThat(d.reason()).isEqualTo("rule heat-pumps sends it to team dach: round-robin among 2 eligible reps: "
                + "anna is first in the rotation");
        assertThat(d.rotation()).isEqualTo("team:dach");
    }

    @Test
    void shouldFallBackToTheDefaultWhenNoRuleMatches() {
        RuleBook book = book(rule("solar", products("solar"), Target.team("solar"), Strategy.ROUND_ROBIN));

        Decision d = Router.route(book, lead("heat-pumps", "DE"), List.of(rep("anna", null), rep("bert", null)),
                Map.of(), rotation -> "anna", NOW);

        assertThat(d.byDefault()).isTrue();
        assertThat(d.rule()).isEqualTo("default");
        assertThat(d.repId()).isEqualTo("bert");
        assertThat(d.reason()).startsWith("no rule matched; the default sends it to every rep: ");
    }

    @Test
    void shouldMatchEveryKindOfCondition() {
        LeadFacts lead = new LeadFacts(UUID.randomUUID(), Set.of("heat-pumps", "solar"), "enterprise", "AT", "partner",
                "cpc", "spring", "acme", "de", "rep7", 82, "A", true);
        assertThat(new Conditions(Set.of("solar"), Set.of("enterprise"), Set.of("DE", "AT"), Set.of("partner"),
                Set.of("cpc"), Set.of("spring"), Set.of("acme"), 80, 90, Set.of("A"), true, Set.of("de"),
                Set.of("rep7")).mismatch(lead)).isEmpty();

        assertThat(new Conditions(null, Set.of("smb"), null, null, null, null, null, null, null, null, null, null, null)
                .mismatch(lead)).contains("segment enterprise is not smb");
        assertThat(new Conditions(null, null, Set.of("FR", "IT"), null, null, null, null, null, null, null, null, null,
                null).mismatch(lead)).contains("country AT is not in any of FR, IT");
        assertThat(new Conditions(null, null, null, Set.of("web"), null, null, null, null, null, null, null, null, null)
                .mismatch(lead)).contains("source partner is not web");
        assertThat(new Conditions(null, null, null, null, Set.of("email"), null, null, null, null, null, null, null,
                null).mismatch(lead)).contains("channel cpc is not email");
        assertThat(new Conditions(null, null, null, null, null, Set.of("autumn"), null, null, null, null, null, null,
                null).mismatch(lead)).contains("campaign spring is not autumn");
        assertThat(new Conditions(null, null, null, null, null, null, Set.of("globex"), null, null, null, null, null,
                null).mismatch(lead)).contains("partner acme is not globex");
        assertThat(new Conditions(null, null, null, null, null, null, null, 90, null, null, null, null, null)
                .mismatch(lead)).contains("score 82 is below 90");
        assertThat(new Conditions(null, null, null, null, null, null, null, null, 50, null, null, null, null)
                .mismatch(lead)).contains("score 82 is above 50");
        assertThat(new Conditions(null, null, null, null, null, null, null, null, null, Set.of("B", "C"), null, null,
                null).mismatch(lead)).contains("grade A is not any of B, C");
        assertThat(new Conditions(null, null, null, null, null, null, null, null, null, null, false, null, null)
                .mismatch(lead)).contains("the lead is qualified");
        assertThat(new Conditions(null, null, null, null, null, null, null, null, null, null, null, Set.of("en"), null)
                .mismatch(lead)).contains("language de is not en");
        assertThat(new Conditions(null, null, null, null, null, null, null, null, null, null, null, null, Set.of("rep1"))
                .mismatch(lead)).contains("owner rep7 is not rep1");
    }

    @Test
    void shouldNotMatchALeadThatLacksTheValueAConditionAsksAbout() {
        LeadFacts bare = new LeadFacts(UUID.randomUUID(), null, null, null, null, null, null, null, null, null, null,
                null, false);
        assertThat(products("solar").mismatch(bare)).contains("product (none) is not solar");
        assertThat(new Conditions(null, null, null, null, null, null, null, 10, null, null, null, null, null)
                .mismatch(bare)).contains("score (none) is below 10");
        assertThat(Conditions.ANY.matches(bare)).isTrue();
    }

    @Test
    void shouldSkipInactiveAbsentOffDutyFullAndNonCoveringRepsWithTheirReasons() {
        WorkingHours berlinAfternoons = new WorkingHours(ZoneId.of("Europe/Berlin"),
                Map.of(DayOfWeek.THURSDAY, List.of(new TimeRange(LocalTime.of(13, 0), LocalTime.of(18, 0)))));
        List<RepProfile> team = List.of(
                new RepProfile("a-inactive", "t", false, null, null, null, null, null, null, null, null),
                new RepProfile("b-away", "t", true, null, null, null, null, null, null, null,
                        List.of(new OutOfOffice(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 4)))),
                new RepProfile("c-off-duty", "t", true, null, null, null, null, null, null, berlinAfternoons, null),
                new RepProfile("d-full", "t", true, null, null, null, null, null, 5, null, null),
                new RepProfile("e-capacity", "t", true, null, null, null, null, 3, null, null, null),
                new RepProfile("f-solar", "t", true, Set.of("solar"), null, null, null, null, null, null, null),
                new RepProfile("g-enterprise", "t", true, null, Set.of("enterprise"), null, null, null, null, null, null),
                new RepProfile("h-france", "t", true, null, null, Set.of("FR"), null, null, null, null, null),
                new RepProfile("i-english", "t", true, null, null, null, Set.of("en"), null, null, null, null),
                new RepProfile("j-fits", "t", true, Set.of("heat-pumps"), Set.of("smb"), Set.of("DE"), Set.of("de", "en"),
                        10, 10, berlinAfternoons, null));
        Map<String, RepLoad> loads = Map.of("d-full", new RepLoad(5, 0), "e-capacity", new RepLoad(1, 3));
        AssignmentRule onDuty = new AssignmentRule("on-duty", null, Target.team("t"), Strategy.ROUND_ROBIN, null, true,
                false);

        RuleBook book = new RuleBook(List.of(onDuty), RuleBook.builtIn().fallback());

        Decision morning = Router.route(book, lead("heat-pumps", "DE"), team, loads, NOBODY_YET, NOW); // 10:00 Berlin
        assertThat(morning.assigned()).isFalse();
        assertThat(morning.candidates()).extracting(Decision.Candidate::repId, Decision.Candidate::skipped).containsExactly(
                tuple("a-inactive", "inactive"),
                tuple("b-away", "out of office until 2026-12-04"),
                tuple("c-off-duty", "off duty: outside working hours (Europe/Berlin)"),
                tuple("d-full", "at maximum open leads (5/5)"),
                tuple("e-capacity", "daily capacity reached (3/3)"),
                tuple("f-solar", "does not cover product heat-pumps"),
                tuple("g-enterprise", "does not cover segment smb"),
                tuple("h-france", "does not cover country DE"),
                tuple("i-english", "does not speak de"),
                tuple("j-fits", "off duty: outside working hours (Europe/Berlin)"));
        assertThat(morning.reason()).isEqualTo("rule on-duty sends it to team t: all 10 considered were skipped; the "
                + "lead waits");

        Decision afternoon = Router.route(book, lead("heat-pumps", "DE"), team, loads, rotation -> "c-off-duty",
                Instant.parse("2026-12-03T13:00:00Z")); // 14:00 Berlin: c and j are on duty
        assertThat(afternoon.candidates()).filteredOn(c -> c.skipped() == null).extracting(Decision.Candidate::repId)
                .containsExactly("c-off-duty", "j-fits");
        assertThat(afternoon.repId()).isEqualTo("j-fits");

        // without "only working hours" the hours do not matter
        Decision anyTime = Router.route(book(new AssignmentRule("any-time", null, Target.rep("j-fits"),
                Strategy.ROUND_ROBIN, null, false, false)), lead("heat-pumps", "DE"), team, loads, NOBODY_YET, NOW);
        assertThat(anyTime.repId()).isEqualTo("j-fits");
    }

    @Test
    void shouldGiveTheLeadToTheRepWithTheFewestOpenLeads() {
        AssignmentRule balanced = rule("balanced", null, Target.ALL_REPS, Strategy.LOAD_BALANCED);
        List<RepProfile> reps = List.of(rep("anna", null), rep("bert", null), rep("carl", null));
        Map<String, RepLoad> loads = Map.of("anna", new RepLoad(4, 0), "bert", new RepLoad(2, 3), "carl",
                new RepLoad(2, 1));

        Decision d = Router.route(book(balanced), lead(null, "DE"), reps, loads, NOBODY_YET, NOW);

        assertThat(d.repId()).isEqualTo("carl"); // tied with bert on open leads, fewer assigned today
        assertThat(d.strategy()).isEqualTo(Strategy.LOAD_BALANCED);
        assertThat(d.reason()).endsWith("fewest open leads: carl has 2 (anna 4, bert 2)");
        assertThat(d.rotation()).isNull();
    }

    @Test
    void shouldShareLeadsInProportionToWeights() {
        AssignmentRule weighted = new AssignmentRule("weighted", null, Target.ALL_REPS, Strategy.WEIGHTED,
                Map.of("anna", 3, "bert", 1, "carl", 0), false, false);
        List<RepProfile> reps = List.of(rep("anna", null), rep("bert", null), rep("carl", null));
        List<LeadFacts> leads = java.util.stream.IntStream.range(0, 40).mapToObj(i -> lead(null, "DE")).toList();

        List<Decision> decisions = Router.simulate(book(weighted), leads, reps, Map.of(), Map.of(), NOW);

        Map<String, Long> perRep = decisions.stream().collect(Collectors.groupingBy(Decision::repId,
                Collectors.counting()));
        assertThat(perRep).containsExactlyInAnyOrderEntriesOf(Map.of("anna", 30L, "bert", 10L));
        assertThat(decisions.get(0).candidates()).contains(new Decision.Candidate("carl", "weight 0 in rule weighted"));
    }

    @Test
    void shouldGiveTheLeadToItsOwnerAndFallBackToRoundRobinWhenTheOwnerCannotTakeIt() {
        AssignmentRule owner = rule("owner", null, Target.team("t"), Strategy.OWNER);
        List<RepProfile> reps = List.of(rep("anna", "t"), rep("bert", "t"),
                new RepProfile("olga", "other", true, null, null, null, null, null, 1, null, null));
        LeadFacts fromOlga = new LeadFacts(UUID.randomUUID(), null, null, "DE", "api", null, null, null, null, "olga",
                60, "B", false);

        Decision mine = Router.route(book(owner), fromOlga, reps, Map.of(), NOBODY_YET, NOW);
        assertThat(mine.repId()).isEqualTo("olga");
        assertThat(mine.reason()).isEqualTo("rule owner sends it to team t: olga captured the lead (owner)");
        assertThat(mine.rotation()).isNull();

        Decision full = Router.route(book(owner), fromOlga, reps, Map.of("olga", new RepLoad(1, 0)), NOBODY_YET, NOW);
        assertThat(full.repId()).isEqualTo("anna");
        assertThat(full.reason()).isEqualTo("rule owner sends it to team t: owner olga is skipped (at maximum open "
                + "leads (1/1)), so round-robin among 2 eligible reps: anna is first in the rotation");
        assertThat(full.candidates()).extracting(Decision.Candidate::repId).containsExactly("olga", "anna", "bert");

        Decision noOwner = Router.route(book(owner), lead(null, "DE"), reps, Map.of(), rotation -> "anna", NOW);
        assertThat(noOwner.repId()).isEqualTo("bert");
        assertThat(noOwner.reason()).contains("the lead has no owner (not captured by a rep), so round-robin");
    }

    @Test
    void shouldSpreadASimulatedSampleAsLiveAssignmentWouldWithoutChangingTheInputs() {
        AssignmentRule capped = rule("all", null, Target.ALL_REPS, Strategy.ROUND_ROBIN);
        List<RepProfile> reps = List.of(rep("anna", null),
                new RepProfile("bert", null, true, null, null, null, null, 1, null, null, null));
        Map<String, RepLoad> loads = new HashMap<>();
        Map<String, String> rotations = new HashMap<>();

        List<Decision> decisions = Router.simulate(book(capped), List.of(lead(null, "DE"), lead(null, "DE"),
                lead(null, "DE"), lead(null, "DE")), reps, loads, rotations, NOW);

        // bert takes one lead (his daily capacity), anna the rest, in turn
        assertThat(decisions).extracting(Decision::repId).containsExactly("anna", "bert", "anna", "anna");
        assertThat(decisions.get(2).candidates()).contains(new Decision.Candidate("bert", "daily capacity reached (1/1)"));
        assertThat(loads).isEmpty();
        assertThat(rotations).isEmpty();
    }

    @Test
    void shouldLetAWaitingLeadWaitWhenATargetHasNoRep() {
        Decision d = Router.route(book(rule("nobody", null, Target.team("empty"), Strategy.LOAD_BALANCED)),
                lead(null, "DE"), List.of(rep("anna", "t")), Map.of(), NOBODY_YET, NOW);
        assertThat(d.assigned()).isFalse();
        assertThat(d.reason()).isEqualTo("rule nobody sends it to team empty: nobody to consider (team empty has no "
                + "registered rep); the lead waits");
    }
}
