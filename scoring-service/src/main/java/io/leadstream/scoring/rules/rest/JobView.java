package io.leadstream.scoring.rules.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.scoring.rules.RescoreJob;

/** A re-scoring job's progress. */
@Schema(name = "RescoreJob")
public record JobView(UUID id, @Schema(description = "what started it; the trigger of every score it changes",
        examples = "rules-v3") String reason,
        @Schema(enumeration = { "RUNNING", "DONE", "FAILED" }) String state,
        @Schema(description = "leads to re-score (counted at the start)") int total,
        int done, @Schema(description = "leads whose score, grade or qualification moved") int changed,
        @Schema(description = "done / total, 0-100") int percent,
        String startedBy, Instant startedAt, @Schema(nullable = true) Instant finishedAt,
        @Schema(examples = "/api/scoring/rules/jobs/0b6f2a8e-3c51-4f0e-9a57-2f4b8d1c9e70") String href) {

    public static JobView of(RescoreJob job) {
        int percent = job.state == RescoreJob.State.DONE ? 100
                : job.total == 0 ? 0 : Math.min(99, (int) (100L * job.done / job.total));
        return new JobView(job.id, job.reason, job.state.name(), job.total, job.done, job.changed, percent,
                job.startedBy, job.startedAt, job.finishedAt, "/api/scoring/rules/jobs/" + job.id);
    }
}
