package io.leadstream.distribution.assignments.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.assignments.Assignment;
import io.leadstream.distribution.assignments.AssignmentEntry;
import io.leadstream.distribution.assignments.AssignmentService;
import io.leadstream.distribution.sla.LeadSla;
import io.leadstream.distribution.sla.SlaDocument;

/** Who works a lead and why: the rep (null while the lead waits), the rule and strategy, the reps considered, history. */
@Schema(name = "Assignment")
public record AssignmentView(UUID leadId,
        @Schema(description = "the rep's Keycloak username; null while nobody is eligible and the lead waits",
                nullable = true) String repId,
        @Schema(examples = "ROUND_ROBIN") String strategy,
        @Schema(description = "the assignment rule that decided; 'default' when no rule matched; null when another "
                + "step decided (a merge)", nullable = true, examples = "heat-pumps-dach") String rule,
        @Schema(description = "the version of the assignment rules the rule belongs to", nullable = true)
        Integer ruleVersion,
        @Schema(description = "the rule's target: all-reps, team:<teamId>, rep:<repId>, queue:<name> or partner:<partnerId>", nullable = true,
                examples = "team:dach") String target,
        @Schema(examples = "rule heat-pumps-dach sends it to team dach: round-robin among 2 active reps: rep2 follows rep1")
        String reason,
        @Schema(description = "every rep considered, by rep id; skipped says why one could not take the lead")
        List<CandidateView> candidates, int score, String grade, Instant assignedAt,
        @Schema(description = "when the lead left the pipeline (won, lost, inactive) and stopped counting as the rep's "
                + "open lead; null while it is worked", nullable = true) Instant closedAt,
        @Schema(description = "the lead's SLA clock; null when no SLA applies (or before a rep has it)", nullable = true)
        SlaView sla,
        @Schema(description = "every step, oldest first") List<StepView> history) {

    @Schema(name = "AssignmentSla", description = "the SLA clock running for the rep who has the lead")
    public record SlaView(@Schema(enumeration = { "FIRST_TOUCH", "NEXT_TOUCH" }) String kind,
            @Schema(description = "the policy it counts by: rule:<name>, queue:<name> or default",
                    examples = "rule:hot-leads") String policy,
            @Schema(description = "the policy's durations, as it started") SlaDocument.Policy targets,
            @Schema(description = "the assignment (first touch) or the last contact (next touch)") Instant startedAt,
            @Schema(description = "when the target is breached, in the rep's business time") Instant deadline,
            @Schema(description = "the breach steps taken so far") List<String> stepsTaken,
            @Schema(nullable = true, description = "the next step, REMIND, ESCALATE or REASSIGN; null when stopped or "
                    + "every step was taken") String nextStep,
            @Schema(nullable = true) Instant nextStepAt,
            @Schema(nullable = true, description = "the last contact nurture reported") Instant contactedAt,
            @Schema(nullable = true, description = "when the lead left the pipeline and the clock stopped")
            Instant stoppedAt) {

        static SlaView of(LeadSla c) {
            return c == null ? null : new SlaView(c.kind, c.policySource, c.policy, c.startedAt, c.deadline,
                    List.of(c.taken), c.nextStep, c.nextDueAt, c.contactedAt, c.stoppedAt);
        }
    }

    @Schema(name = "AssignmentCandidate")
    public record CandidateView(String repId,
            @Schema(description = "why this rep was skipped; null when eligible", nullable = true,
                    examples = "off duty: outside working hours (Europe/Berlin)") String skipped) {
    }

    @Schema(name = "AssignmentStep")
    public record StepView(
            @Schema(enumeration = { "ASSIGNED", "WAITING", "QUEUED", "CLAIMED", "REASSIGNED", "KEPT_ON_MERGE",
                    "SLA_REMINDED", "SLA_ESCALATED", "SHARED", "SHARE_ACCEPTED", "SHARE_RECALLED" }) String kind,
            @Schema(nullable = true) String repId,
            @Schema(nullable = true, description = "REASSIGNED, SHARED: who had the lead before") String previousRepId,
            @Schema(nullable = true) String rule, @Schema(nullable = true) Integer ruleVersion, String strategy,
            String reason, List<CandidateView> candidates,
            @Schema(nullable = true, description = "who reassigned or shared the lead by hand, or partner:<id> for a "
                    + "partner's answer; null when the rules decided")
            String actor,
            Instant at) {
    }

    public static AssignmentView of(AssignmentService.Found found) {
        Assignment a = found.assignment();
        List<AssignmentEntry> history = found.history();
        return new AssignmentView(a.leadId, a.repId, a.strategy, a.ruleName, a.ruleVersion, a.target, a.reason,
                candidates(a.candidates), a.score, a.grade, a.assignedAt, a.closedAt, SlaView.of(found.sla()),
                history.stream().map(e -> new StepView(e.kind, e.repId, e.previousRepId, e.ruleName, e.ruleVersion,
                        e.strategy, e.reason, candidates(e.candidates), e.actor, e.at)).toList());
    }

    static List<CandidateView> candidates(Assignment.Candidates candidates) {
        return candidates.items().stream().map(c -> new CandidateView(c.repId(), c.skipped())).toList();
    }
}
