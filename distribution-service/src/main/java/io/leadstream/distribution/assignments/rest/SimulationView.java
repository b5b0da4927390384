package io.leadstream.distribution.assignments.rest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.assignments.RuleSimulation;
import io.leadstream.distribution.routing.Decision;

/** Where each lead of the sample would go and why, and the totals per rep and per rule. Nothing was assigned. */
@Schema(name = "AssignmentSimulation")
public record SimulationView(
        @Schema(description = "the version simulated; null for a draft", nullable = true) Integer ruleVersion,
        @Schema(description = "leads per rep they would go to; to a queue under 'queue:<name>'; leads nobody is "
                + "eligible for under 'waiting'")
        Map<String, Long> byRep,
        @Schema(description = "leads per rule that decided ('default': none matched)") Map<String, Long> byRule,
        List<LeadOutcome> leads,
        @Schema(description = "lead ids asked for that distribution does not know") List<UUID> unknown) {

    @Schema(name = "AssignmentSimulationLead")
    public record LeadOutcome(UUID leadId,
            @Schema(nullable = true, description = "the rep working it now; null when unassigned") String currentRepId,
            @Schema(nullable = true, description = "where it would go; null: nobody eligible, it would wait") String repId,
            String rule, String target, String strategy, String reason,
            List<AssignmentView.CandidateView> candidates,
            @Schema(description = "the rules before the one that decided, and why each did not match")
            List<RuleMissView> rulesNotMatched) {
    }

    @Schema(name = "AssignmentRuleMiss")
    public record RuleMissView(String rule, @Schema(examples = "country FR is not in DACH") String because) {
    }

    public static SimulationView of(RuleSimulation.Result result) {
        List<LeadOutcome> leads = result.outcomes().stream().map(SimulationView::outcome).toList();
        return new SimulationView(result.ruleVersion(),
                new TreeMap<>(leads.stream().collect(Collectors.groupingBy(
                        l -> l.repId() != null ? l.repId() : l.target().startsWith("queue:")
                                || l.target().startsWith("partner:") ? l.target() : "waiting",
                        Collectors.counting()))),
                new TreeMap<>(leads.stream().collect(Collectors.groupingBy(LeadOutcome::rule, Collectors.counting()))),
                leads, result.unknown());
    }

    private static LeadOutcome outcome(RuleSimulation.Outcome o) {
        Decision d = o.decision();
        return new LeadOutcome(o.leadId(), o.currentRepId(), d.repId(), d.rule(), d.target().key(),
                d.strategy() != null ? d.strategy().name() : d.shared() ? "PARTNER" : "QUEUE",
                d.reason(), d.candidates().stream().map(c -> new AssignmentView.CandidateView(c.repId(), c.skipped()))
                        .toList(),
                d.rulesNotMatched().stream().map(m -> new RuleMissView(m.rule(), m.because())).toList());
    }
}
