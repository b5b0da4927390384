package io.leadstream.distribution.assignments.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.assignments.Assignment;

/** Who works a lead and why: the rep (null while the lead waits), the strategy, its reason and the reps it considered. */
@Schema(name = "Assignment")
public record AssignmentView(UUID leadId,
        @Schema(description = "the rep's Keycloak username; null while no rep is active and the lead waits",
                nullable = true) String repId,
        @Schema(examples = "ROUND_ROBIN") String strategy,
        @Schema(examples = "round-robin among 3 active reps: rep2 follows rep1") String reason,
        List<CandidateView> candidates, int score, String grade, Instant assignedAt) {

    @Schema(name = "AssignmentCandidate")
    public record CandidateView(String repId) {
    }

    public static AssignmentView of(Assignment a) {
        return new AssignmentView(a.leadId, a.repId, a.strategy, a.reason,
                a.candidates.items().stream().map(c -> new CandidateView(c.repId())).toList(), a.score, a.grade,
                a.assignedAt);
    }
}
