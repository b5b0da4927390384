package io.leadstream.scoring.rules.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.rules.RuleChanges;

/** What a draft rule set would do to the stored leads; nothing is stored or announced. */
@Schema(name = "ScoringSimulation")
public record SimulationView(@Schema(description = "leads scored under the draft") int leads,
        @Schema(description = "leads per grade now") Map<String, Long> gradesNow,
        @Schema(description = "leads per grade under the draft") Map<String, Long> gradesUnderDraft,
        long qualifiedNow,
        @Schema(description = "qualified under the draft (a qualified lead stays qualified)") long qualifiedUnderDraft,
        int gradeChanges, @Schema(description = "mean score change, draft minus now") double meanScoreChange,
        @Schema(description = "leads whose grade would change (at most 100)") List<ChangeView> changes) {

    @Schema(name = "ScoringSimulationChange")
    public record ChangeView(UUID leadId, int scoreNow, String gradeNow, int scoreUnderDraft, String gradeUnderDraft) {
    }

    public static SimulationView of(RuleChanges.Simulation s) {
        return new SimulationView(s.leads(), s.gradesNow(), s.gradesUnderDraft(), s.qualifiedNow(),
                s.qualifiedUnderDraft(), s.gradeChanges(), s.meanScoreChange(), s.changes().stream()
                        .map(c -> new ChangeView(c.leadId(), c.scoreNow(), c.gradeNow(), c.scoreUnderDraft(),
                                c.gradeUnderDraft()))
                        .toList());
    }
}
