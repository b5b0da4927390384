package io.leadstream.insights.breakdowns.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.insights.breakdowns.Breakdowns.BySource;
import io.leadstream.insights.csv.Csv;

/** GET /api/insights/sources' answer. */
@Schema(name = "Sources", description = "Leads, qualified and won per source and campaign, most leads first")
public record SourcesView(Instant from, Instant to, List<SourceView> sources) {

    @Schema(name = "SourceConversion")
    public record SourceView(@Schema(description = "web, api, import, partner, whatsapp, call, …") String source,
            @Schema(description = "null when the leads came with none", nullable = true) String campaign,
            long leads, long qualified, long won, long lost,
            @Schema(description = "won / leads, 0 to 1", nullable = true) Double conversionRate) {
    }

    static SourcesView of(BySource s) {
        return new SourcesView(s.range().from(), s.range().to(), s.rows().stream().map(r -> new SourceView(r.source(),
                r.campaign(), r.conversion().leads(), r.conversion().qualified(), r.conversion().won(),
                r.conversion().lost(), r.conversion().rate())).toList());
    }

    String csv() {
        Csv csv = Csv.withHeader("source", "campaign", "leads", "qualified", "won", "lost", "conversionRate");
        sources.forEach(s -> csv.row(s.source(), s.campaign(), s.leads(), s.qualified(), s.won(), s.lost(),
                s.conversionRate()));
        return csv.toString();
    }
}
