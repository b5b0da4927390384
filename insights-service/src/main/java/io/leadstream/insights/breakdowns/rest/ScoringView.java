package io.leadstream.insights.breakdowns.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.breakdowns.Breakdowns.ByScoreBand;
import io.leadstream.insights.breakdowns.Conversion;
import io.leadstream.insights.csv.Csv;

/** GET /api/insights/scoring's answer. */
@Schema(name = "ScoringConversion", description = "How leads of each score band converted: a predictive score "
        + "converts more in its higher bands")
public record ScoringView(Instant from, Instant to, List<BandView> bands,
        @Schema(description = "the leads never scored") BandView unscored) {

    @Schema(name = "ScoreBandConversion")
    public record BandView(@Schema(description = "0-19, 20-39, 40-59, 60-79, 80-100, or unscored") String band,
            long leads, long qualified, long won, long lost,
            @Schema(description = "won / leads, 0 to 1", nullable = true) Double conversionRate) {

        static BandView of(String band, Conversion c) {
            return new BandView(band, c.leads(), c.qualified(), c.won(), c.lost(), c.rate());
        }
    }

    static ScoringView of(ByScoreBand s) {
        return new ScoringView(s.range().from(), s.range().to(), s.bands().entrySet().stream()
                .map(e -> BandView.of(e.getKey().label(), e.getValue())).toList(),
                BandView.of("unscored", s.unscored()));
    }

    String csv() {
        Csv csv = Csv.withHeader("band", "leads", "qualified", "won", "lost", "conversionRate");
        bands.forEach(b -> csv.row(b.band(), b.leads(), b.qualified(), b.won(), b.lost(), b.conversionRate()));
        csv.row(unscored.band(), unscored.leads(), unscored.qualified(), unscored.won(), unscored.lost(),
                unscored.conversionRate());
        return csv.toString();
    }
}
