package io.leadstream.insights.breakdowns;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.periods.TimeRange;
import io.leadstream.insights.rollups.DaySlices;
import io.leadstream.insights.rollups.Dimension;
import io.leadstream.insights.rollups.RollupRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Conversion per source and campaign, and per score, over the leads captured in a period: whole UTC days from the
 * daily rollup {@code lead_day}, the ends from {@code lead_fact} ({@link RollupRepository}); a manually merged lead
 * counted once (as its survivor), an erased one kept.
 */
@ApplicationScoped
public class BreakdownRepository {

    /** Per key and key2 of a dimension ($7). */
    static final String CONVERSION = RollupRepository.WITH + "select u.key, u.key2, sum(u.leads)::bigint as leads, "
            + "sum(u.qualified)::bigint as qualified, sum(u.won)::bigint as won, sum(u.lost)::bigint as lost from ("
            + RollupRepository.leadDays("r.key, r.key2, r.leads, r.qualified, r.won, r.lost", "r.dim = $7")
            + " union all "
            + RollupRepository.facts("%s, %s, 1, (f.qualified_at is not null)::int, (f.won_at is not null)::int, "
                    + RollupRepository.one("f.won_at is null and f.stage = 'UNQUALIFIED'"), "", "")
            + ") u (n, key, key2, leads, qualified, won, lost) group by 1, 2";

    static final String BY_SOURCE = CONVERSION.formatted(Dimension.SOURCE_CAMPAIGN.key(),
            Dimension.SOURCE_CAMPAIGN.key2()) + " order by 3 desc, 1, 2";

    /** Per score (the current one, as text); a lead without one has score null. */
    static final String BY_SCORE = CONVERSION.formatted(Dimension.SCORE.key(), Dimension.SCORE.key2());

    /** One source and campaign's leads (either may be null: not known). */
    public record SourceRow(String source, String campaign, Conversion conversion) {
    }

    /** The leads of one score (null: not scored). */
    public record ScoreRow(Integer score, Conversion conversion) {
    }

    private final Pool pool;

    public BreakdownRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<SourceRow>> bySource(Instant from, Instant to) {
        return pool.preparedQuery(BY_SOURCE).execute(range(from, to, Dimension.SOURCE_CAMPAIGN)).map(rows -> {
            List<SourceRow> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new SourceRow(row.getString("key"), row.getString("key2"), conversion(row)));
            }
            return list;
        });
    }

    public Uni<List<ScoreRow>> byScore(Instant from, Instant to) {
        return pool.preparedQuery(BY_SCORE).execute(range(from, to, Dimension.SCORE)).map(rows -> {
            List<ScoreRow> list = new ArrayList<>();
            for (Row row : rows) {
                String score = row.getString("key");
                list.add(new ScoreRow(score == null ? null : Integer.valueOf(score), conversion(row)));
            }
            return list;
        });
    }

    private static Conversion conversion(Row row) {
        return new Conversion(row.getLong("leads"), row.getLong("qualified"), row.getLong("won"), row.getLong("lost"));
    }

    private static Tuple range(Instant from, Instant to, Dimension dimension) {
        return RollupRepository.parameters(DaySlices.of(new TimeRange(from, to))).addString(dimension.dim());
    }
}
