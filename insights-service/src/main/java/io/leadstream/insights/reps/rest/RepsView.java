package io.leadstream.insights.reps.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.csv.Csv;
import io.leadstream.insights.reps.RepFigures;

/** GET /api/insights/reps' answer. */
@Schema(name = "Reps", description = "Each rep's figures for the leads captured in [from, to) that they own now")
public record RepsView(Instant from, Instant to, List<RepView> reps) {

    @Schema(name = "RepFigures")
    public record RepView(@Schema(description = "the rep's Keycloak username") String repId,
            @Schema(description = "leads they own") long assigned,
            @Schema(description = "of those, how many reached CONTACTED or a later working stage") long contacted,
            @Schema(description = "median time from the lead's first assignment to the first call, email, message or "
                    + "meeting, in whole seconds; null when none was touched", nullable = true)
            Long medianSecondsToFirstTouch,
            @Schema(description = "share of their leads whose first-touch and next-touch targets were never missed, "
                    + "0 to 1", nullable = true) Double slaHitRate,
            @Schema(description = "of those, how many became customers") long won) {
    }

    static RepsView of(RepFigures f) {
        return new RepsView(f.range().from(), f.range().to(), f.reps().stream().map(r -> new RepView(r.repId(),
                r.assigned(), r.contacted(), r.medianSecondsToFirstTouch(), r.slaHitRate(), r.won())).toList());
    }

    String csv() {
        Csv csv = Csv.withHeader("repId", "assigned", "contacted", "medianSecondsToFirstTouch", "slaHitRate", "won");
        reps.forEach(r -> csv.row(r.repId(), r.assigned(), r.contacted(), r.medianSecondsToFirstTouch(),
                r.slaHitRate(), r.won()));
        return csv.toString();
    }
}
