package io.leadstream.insights.breakdowns;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.breakdowns.BreakdownRepository.ScoreRow;
import io.leadstream.insights.breakdowns.BreakdownRepository.SourceRow;
import io.leadstream.insights.periods.TimeRange;
import io.smallrye.mutiny.Uni;

/**
 * Where the leads that convert come from (per source and campaign), and whether the score foretells it (per score
 * band: a predictive score converts more in its higher bands), for the leads captured in a period.
 */
@ApplicationScoped
public class Breakdowns {

    /** Per source and campaign, most leads first. */
    public record BySource(TimeRange range, List<SourceRow> rows) {
    }

    /** Per score band, lowest first, every band (an empty one as zeros), and the leads not scored. */
    public record ByScoreBand(TimeRange range, Map<ScoreBand, Conversion> bands, Conversion unscored) {
    }

    private final BreakdownRepository repository;

    public Breakdowns(BreakdownRepository repository) {
        this.repository = repository;
    }

    public Uni<BySource> bySource(String from, String to, Instant now) {
        return Uni.createFrom().item(() -> TimeRange.parse(from, to, now))
                .chain(range -> repository.bySource(range.from(), range.to()).map(rows -> new BySource(range, rows)));
    }

    public Uni<ByScoreBand> byScoreBand(String from, String to, Instant now) {
        return Uni.createFrom().item(() -> TimeRange.parse(from, to, now))
                .chain(range -> repository.byScore(range.from(), range.to()).map(rows -> bands(range, rows)));
    }

    /** Sums the per-score rows into the bands (a pure function). */
    static ByScoreBand bands(TimeRange range, List<ScoreRow> rows) {
        Map<ScoreBand, Conversion> bands = new LinkedHashMap<>();
        ScoreBand.ALL.forEach(b -> bands.put(b, new Conversion(0, 0, 0, 0)));
        Conversion unscored = new Conversion(0, 0, 0, 0);
        for (ScoreRow row : rows) {
            if (row.score() == null) {
                unscored = plus(unscored, row.conversion());
            } else {
                bands.merge(ScoreBand.of(row.score()), row.conversion(), Breakdowns::plus);
            }
        }
        return new ByScoreBand(range, bands, unscored);
    }

    private static Conversion plus(Conversion a, Conversion b) {
        return new Conversion(a.leads() + b.leads(), a.qualified() + b.qualified(), a.won() + b.won(),
                a.lost() + b.lost());
    }
}
