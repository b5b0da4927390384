package io.leadstream.distribution.queues.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.assignments.Assignment;
import io.leadstream.distribution.assignments.QueuedLead;
import io.leadstream.distribution.queues.QueueClaims;

/** The queue endpoints' response records. */
public final class QueueViews {

    private QueueViews() {
    }

    @Schema(name = "QueueSummary")
    public record SummaryView(String queue,
            @Schema(description = "leads waiting to be claimed") long waiting,
            @Schema(nullable = true, description = "when the longest-waiting lead entered") Instant oldestQueuedAt,
            @Schema(nullable = true) Integer bestScore,
            @Schema(description = "whether a rule in force sends leads to it") boolean inRules) {

        static SummaryView of(QueueClaims.Summary s) {
            return new SummaryView(s.queue(), s.waiting(), s.oldestQueuedAt(), s.bestScore(), s.inRules());
        }
    }

    @Schema(name = "QueuedLead")
    public record QueuedView(UUID leadId, int score, String grade, Instant queuedAt,
            @Schema(nullable = true, description = "the rule that sent it here") String rule) {

        static QueuedView of(QueuedLead q) {
            return new QueuedView(q.leadId, q.score, q.grade, q.queuedAt, q.ruleName);
        }
    }

    @Schema(name = "Queue")
    public record QueueView(String queue, @Schema(description = "best first: highest score, then longest waiting")
            List<QueuedView> leads) {
    }

    @Schema(name = "Claim")
    public record ClaimView(UUID leadId, String repId, String queue, int score, String grade, Instant claimedAt) {

        static ClaimView of(Assignment a, String queue) {
            return new ClaimView(a.leadId, a.repId, queue, a.score, a.grade, a.assignedAt);
        }
    }
}
