package io.leadstream.distribution.routing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Routes a lead, as a pure function: the first rule whose conditions hold (else the default) names a target and a
 * strategy; the target's reps are checked one by one (inactive, out of office, off duty where the rule says so, at
 * capacity, not covering the lead's product, segment, country or language, weight 0) and the strategy picks among
 * those left. Everything the choice rests on is passed in — the reps, their loads, where each rotation stands, the
 * time — so the same inputs give the same decision, live or simulated.
 */
public final class Router {

    private Router() {
    }

    /**
     * @param reps every registered rep (inactive ones too, so they are reported as skipped)
     * @param loads each rep's load; a rep not in the map has none
     * @param lastRep the rep who got the last lead of a rotation ({@link Target#key()}), null when none yet
     */
    public static Decision route(RuleBook book, LeadFacts lead, List<RepProfile> reps, Map<String, RepLoad> loads,
            Function<String, String> lastRep, Instant now) {
        return route(book, lead, reps, loads, lastRep, now, Set.of());
    }

    /**
     * As {@link #route(RuleBook, LeadFacts, List, Map, Function, Instant)}, leaving out the partners in
     * {@code partnersLeftOut} (those that declined the lead or let its share lapse): a rule sharing with one of them
     * does not match, and a fallback sharing with one sends the lead round-robin to every rep instead.
     */
    public static Decision route(RuleBook book, LeadFacts lead, List<RepProfile> reps, Map<String, RepLoad> loads,
            Function<String, String> lastRep, Instant now, Set<String> partnersLeftOut) {
        List<Decision.RuleMiss> misses = new ArrayList<>();
        for (int i = 0; i < book.rules().size(); i++) {
            AssignmentRule rule = book.rules().get(i);
            Optional<String> mismatch = rule.when().mismatch(lead);
            if (mismatch.isEmpty() && leftOut(rule, partnersLeftOut)) {
                mismatch = Optional.of(rule.target().describe() + " declined the lead or let it lapse");
            }
            if (mismatch.isEmpty()) {
                return choose(rule, i, lead, reps, loads, lastRep, now, misses);
            }
            misses.add(new Decision.RuleMiss(rule.name(), mismatch.get()));
        }
        AssignmentRule fallback = book.fallback();
        if (leftOut(fallback, partnersLeftOut)) {
            fallback = new AssignmentRule(fallback.name(), fallback.when(), Target.ALL_REPS, Strategy.ROUND_ROBIN,
                    null, false, false);
            misses.add(new Decision.RuleMiss(fallback.name(), book.fallback().target().describe()
                    + " declined the lead or let it lapse, so every rep instead"));
        }
        return choose(fallback, -1, lead, reps, loads, lastRep, now, misses);
    }

    private static boolean leftOut(AssignmentRule rule, Set<String> partners) {
        return rule.target().type() == Target.Type.PARTNER && partners.contains(rule.target().id());
    }

    /**
     * Routes {@code leads} one after the other as if each were assigned: every choice adds to its rep's load and moves
     * its rotation on before the next lead is routed, so a sample spreads as it would live. The inputs are not changed.
     */
    public static List<Decision> simulate(RuleBook book, List<LeadFacts> leads, List<RepProfile> reps,
            Map<String, RepLoad> loads, Map<String, String> lastRep, Instant now) {
        Map<String, RepLoad> load = new java.util.HashMap<>(loads);
        Map<String, String> last = new java.util.HashMap<>(lastRep);
        List<Decision> decisions = new ArrayList<>();
        for (LeadFacts lead : leads) {
            Decision d = route(book, lead, reps, load, last::get, now);
            if (d.assigned()) {
                RepLoad before = load(load, d.repId());
                load.put(d.repId(), new RepLoad(before.openLeads() + 1, before.assignedToday() + 1));
                if (d.rotation() != null) {
                    last.put(d.rotation(), d.repId());
                }
            }
            decisions.add(d);
        }
        return decisions;
    }

    /** Why this rep may not be given the lead under this rule now; empty when they may. */
    public static Optional<String> skip(RepProfile rep, AssignmentRule rule, LeadFacts lead, RepLoad load, Instant now) {
        if (!rep.active()) {
            return Optional.of("inactive");
        }
        ZoneId zone = rep.workingHours() == null ? ZoneOffset.UTC : rep.workingHours().zone();
        var away = rep.outOfOffice().stream().filter(o -> o.covers(now, zone)).findFirst();
        if (away.isPresent()) {
            return Optional.of("out of office until " + away.get().to());
        }
        if (rule.onlyWorkingHours() && rep.workingHours() != null && !rep.workingHours().isWorkingAt(now)) {
            return Optional.of("off duty: outside working hours (" + zone + ")");
        }
        if (rep.maxOpenLeads() != null && load.openLeads() >= rep.maxOpenLeads()) {
            return Optional.of("at maximum open leads (" + load.openLeads() + "/" + rep.maxOpenLeads() + ")");
        }
        if (rep.dailyCapacity() != null && load.assignedToday() >= rep.dailyCapacity()) {
            return Optional.of("daily capacity reached (" + load.assignedToday() + "/" + rep.dailyCapacity() + ")");
        }
        if (!rep.products().isEmpty() && !lead.products().isEmpty()
                && lead.products().stream().noneMatch(rep.products()::contains)) {
            return Optional.of("does not cover product " + String.join(", ", lead.products().stream().sorted().toList()));
        }
        if (!rep.segments().isEmpty() && lead.segment() != null && !rep.segments().contains(lead.segment())) {
            return Optional.of("does not cover segment " + lead.segment());
        }
        if (!rep.territories().isEmpty() && lead.country() != null
                && !Territories.covers(rep.territories(), lead.country())) {
            return Optional.of("does not cover country " + lead.country());
        }
        if (!rep.languages().isEmpty() && lead.language() != null && !rep.languages().contains(lead.language())) {
            return Optional.of("does not speak " + lead.language());
        }
        if (rule.strategy() == Strategy.WEIGHTED && rule.weightOf(rep.repId()) <= 0) {
            return Optional.of("weight 0 in rule " + rule.name());
        }
        return Optional.empty();
    }

    private static Decision choose(AssignmentRule rule, int index, LeadFacts lead, List<RepProfile> reps,
            Map<String, RepLoad> loads, Function<String, String> lastRep, Instant now, List<Decision.RuleMiss> misses) {
        String by = index < 0 ? "no rule matched; the default sends it to " : "rule " + rule.name() + " sends it to ";
        String to = by + rule.target().describe();
        if (rule.target().type() == Target.Type.QUEUE) {
            return new Decision(null, rule.name(), index, rule.target(), null, to + ", where it waits for a rep to "
                    + "claim it", List.of(), misses, null);
        }
        if (rule.target().type() == Target.Type.PARTNER) {
            return new Decision(null, rule.name(), index, rule.target(), null, to + ", who may accept or decline it",
                    List.of(), misses, null);
        }
        List<RepProfile> members = members(rule.target(), reps);
        List<Decision.Candidate> considered = new ArrayList<>();
        List<RepProfile> eligible = new ArrayList<>();
        for (RepProfile rep : members) {
            Optional<String> skipped = skip(rep, rule, lead, load(loads, rep.repId()), now);
            considered.add(new Decision.Candidate(rep.repId(), skipped.orElse(null)));
            skipped.ifPresentOrElse(s -> { }, () -> eligible.add(rep));
        }
        String prefix = to + ": ";
        if (rule.strategy() == Strategy.OWNER) {
            String owner = lead.capturedBy();
            Optional<RepProfile> ownerRep = owner == null ? Optional.empty()
                    : reps.stream().filter(r -> r.repId().equals(owner)).findFirst();
            if (ownerRep.isPresent()) {
                Optional<String> skipped = skip(ownerRep.get(), rule, lead, load(loads, owner), now);
                if (considered.stream().noneMatch(c -> c.repId().equals(owner))) {
                    considered.add(0, new Decision.Candidate(owner, skipped.orElse(null)));
                }
                if (skipped.isEmpty()) {
                    return decision(owner, rule, index, prefix + owner + " captured the lead (owner)", considered,
                            misses, null);
                }
                prefix += "owner " + owner + " is skipped (" + skipped.get() + "), so ";
            } else {
                prefix += owner == null ? "the lead has no owner (not captured by a rep), so "
                        : "owner " + owner + " is not a registered rep, so ";
            }
        }
        if (members.isEmpty()) {
            String nobody = rule.target().type() == Target.Type.ALL_REPS ? "no active rep"
                    : rule.target().describe() + " has no registered rep";
            return decision(null, rule, index, prefix + "nobody to consider (" + nobody + "); the lead waits",
                    considered, misses, null);
        }
        if (eligible.isEmpty()) {
            return decision(null, rule, index, prefix + "all " + members.size() + " considered were skipped; the lead "
                    + "waits", considered, misses, null);
        }
        return switch (rule.strategy()) {
            case ROUND_ROBIN, OWNER -> roundRobin(rule, index, eligible, lastRep, prefix, considered, misses);
            case LOAD_BALANCED -> loadBalanced(rule, index, eligible, loads, prefix, considered, misses);
            case WEIGHTED -> weighted(rule, index, eligible, loads, prefix, considered, misses);
        };
    }

    private static Decision roundRobin(AssignmentRule rule, int index, List<RepProfile> eligible,
            Function<String, String> lastRep, String prefix, List<Decision.Candidate> considered,
            List<Decision.RuleMiss> misses) {
        String rotation = rule.target().key();
        RoundRobin.Choice choice = RoundRobin.next(eligible.stream().map(RepProfile::repId).toList(),
                lastRep.apply(rotation)).orElseThrow();
        return decision(choice.repId(), rule, index, prefix + choice.reason(), considered, misses, rotation);
    }

    private static Decision loadBalanced(AssignmentRule rule, int index, List<RepProfile> eligible,
            Map<String, RepLoad> loads, String prefix, List<Decision.Candidate> considered,
            List<Decision.RuleMiss> misses) {
        RepProfile best = eligible.stream().min(Comparator
                .comparingInt((RepProfile r) -> load(loads, r.repId()).openLeads())
                .thenComparingInt(r -> load(loads, r.repId()).assignedToday())
                .thenComparing(RepProfile::repId)).orElseThrow();
        String others = eligible.stream().filter(r -> r != best)
                .map(r -> r.repId() + " " + load(loads, r.repId()).openLeads()).reduce((a, b) -> a + ", " + b)
                .map(s -> " (" + s + ")").orElse("");
        return decision(best.repId(), rule, index, prefix + "fewest open leads: " + best.repId() + " has "
                + load(loads, best.repId()).openLeads() + others, considered, misses, null);
    }

    private static Decision weighted(AssignmentRule rule, int index, List<RepProfile> eligible,
            Map<String, RepLoad> loads, String prefix, List<Decision.Candidate> considered,
            List<Decision.RuleMiss> misses) {
        // the rep whose share after this lead, (today + 1) / weight, is smallest; compared by cross-multiplication
        Comparator<RepProfile> byShare = (a, b) -> Long.compare(
                (long) (load(loads, a.repId()).assignedToday() + 1) * rule.weightOf(b.repId()),
                (long) (load(loads, b.repId()).assignedToday() + 1) * rule.weightOf(a.repId()));
        RepProfile best = eligible.stream().min(byShare
                .thenComparing(r -> -rule.weightOf(r.repId()))
                .thenComparing(RepProfile::repId)).orElseThrow();
        String shares = eligible.stream().map(r -> r.repId() + " " + load(loads, r.repId()).assignedToday() + "/w"
                + rule.weightOf(r.repId())).reduce((a, b) -> a + ", " + b).orElse("");
        return decision(best.repId(), rule, index, prefix + "weighted: " + best.repId()
                + " is furthest below its share of today's leads (" + shares + ")", considered, misses, null);
    }

    private static List<RepProfile> members(Target target, List<RepProfile> reps) {
        return reps.stream().filter(r -> switch (target.type()) {
            case ALL_REPS -> r.active(); // every rep ever registered would drown the reasons; a team lists its inactive
            case TEAM -> target.id().equals(r.teamId());
            case REP -> target.id().equals(r.repId());
            case QUEUE, PARTNER -> false;
        }).sorted(Comparator.comparing(RepProfile::repId)).toList();
    }

    private static RepLoad load(Map<String, RepLoad> loads, String repId) {
        return loads.getOrDefault(repId, RepLoad.NONE);
    }

    private static Decision decision(String repId, AssignmentRule rule, int index, String reason,
            List<Decision.Candidate> considered, List<Decision.RuleMiss> misses, String rotation) {
        return new Decision(repId, rule.name(), index, rule.target(), rule.strategy(), reason, considered, misses,
                rotation);
    }
}
