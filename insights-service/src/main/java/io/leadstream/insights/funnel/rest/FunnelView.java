package io.leadstream.insights.funnel.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.funnel.Funnel;

/** GET /api/insights/funnel's answer. */
@Schema(name = "Funnel", description = "How far the leads captured in [from, to) got along the pipeline")
public record FunnelView(
        @Schema(description = "start of the creation cohort's range (inclusive)") Instant from,
        @Schema(description = "end of the range (exclusive)") Instant to,
        @Schema(description = "only leads of this product; null for any", nullable = true) String product,
        @Schema(description = "only leads of this segment; null for any", nullable = true) String segment,
        @Schema(description = "only leads of this source; null for any", nullable = true) String source,
        @Schema(description = "the leads captured in the range (with the filters); a manually merged lead counted "
                + "once, as its survivor; an erased one counted") long cohort,
        @Schema(description = "the six stages of the main path in order, OPEN to CUSTOMER") List<StageView> stages,
        @Schema(description = "of the cohort, how many ended UNQUALIFIED (stand there now)") long unqualified,
        @Schema(description = "of the cohort, how many ended INACTIVE (stand there now)") long inactive,
        @Schema(description = "CUSTOMER / cohort, to four decimal places; null for an empty cohort",
                nullable = true) Double conversion) {

    @Schema(name = "FunnelStage")
    public record StageView(
            @Schema(description = "OPEN, CONTACTED, NURTURING, QUALIFIED, NEGOTIATION or CUSTOMER") String stage,
            @Schema(description = "leads of the cohort that reached this stage or a later one of the main path (a "
                    + "skipped step counts as reached)") long reached,
            @Schema(description = "reached the next stage / reached this one, to four decimal places; null when none "
                    + "reached this one, and for CUSTOMER", nullable = true) Double conversionToNext) {
    }

    static FunnelView of(Funnel f) {
        return new FunnelView(f.range().from(), f.range().to(), f.filters().product(), f.filters().segment(),
                f.filters().source(), f.cohort(), f.stages().stream().map(s -> new StageView(s.stage().name(),
                        s.reached(), s.conversionToNext())).toList(), f.unqualified(), f.inactive(), f.conversion());
    }

    /**
     * As CSV (RFC 4180, a header row {@code stage,leads,conversion}): {@code COHORT} with the cohort and the overall
     * conversion, each main-path stage with how many reached it and its conversion to the next, then
     * {@code UNQUALIFIED} and {@code INACTIVE} with how many ended there. An empty conversion is null.
     */
    String csv() {
        StringBuilder out = new StringBuilder("stage,leads,conversion\r\n");
        row(out, "COHORT", cohort, conversion);
        stages.forEach(s -> row(out, s.stage(), s.reached(), s.conversionToNext()));
        row(out, "UNQUALIFIED", unqualified, null);
        row(out, "INACTIVE", inactive, null);
        return out.toString();
    }

    private static void row(StringBuilder out, String stage, long leads, Double conversion) {
        out.append(stage).append(',').append(leads).append(',').append(conversion == null ? "" : conversion)
                .append("\r\n");
    }
}
