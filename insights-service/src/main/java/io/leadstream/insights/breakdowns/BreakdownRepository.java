package io.leadstream.insights.breakdowns;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Conversion per source and campaign, and per score, over the {@code lead_fact} read model: the leads captured in a
 * period, a manually merged lead counted once (as its survivor), an erased one kept.
 */
@ApplicationScoped
public class BreakdownRepository {

    static final String MEASURES = "count(*) as leads, count(f.qualified_at) as qualified, count(f.won_at) as won, "
            + "count(*) filter (where f.won_at is null and f.stage = 'UNQUALIFIED') as lost";
    static final String COHORT = " from lead_fact f where f.captured_at >= $1 and f.captured_at < $2 "
            + "and f.merged_into is null";

    static final String BY_SOURCE = "select f.source, f.campaign, " + MEASURES + COHORT
            + " group by 1, 2 order by 3 desc, 1, 2";

    /** Per score (the current one); a lead without one has score null. */
    static final String BY_SCORE = "select f.score, " + MEASURES + COHORT + " group by 1";

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
        return pool.preparedQuery(BY_SOURCE).execute(range(from, to)).map(rows -> {
            List<SourceRow> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new SourceRow(row.getString("source"), row.getString("campaign"), conversion(row)));
            }
            return list;
        });
    }

    public Uni<List<ScoreRow>> byScore(Instant from, Instant to) {
        return pool.preparedQuery(BY_SCORE).execute(range(from, to)).map(rows -> {
            List<ScoreRow> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new ScoreRow(row.getInteger("score"), conversion(row)));
            }
            return list;
        });
    }

    private static Conversion conversion(Row row) {
        return new Conversion(row.getLong("leads"), row.getLong("qualified"), row.getLong("won"), row.getLong("lost"));
    }

    private static Tuple range(Instant from, Instant to) {
        return Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    }
}
