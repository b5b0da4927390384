package io.leadstream.insights.reps;

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
 * The reps' figures over the {@code lead_fact} read model: the leads captured in a period that a rep owns, a manually
 * merged lead counted once (as its survivor).
 */
@ApplicationScoped
public class RepFiguresRepository {

    static final String BY_REP = """
            select f.rep_id, count(*) as assigned, count(f.contacted_at) as contacted,
                   percentile_cont(0.5) within group (order by extract(epoch from f.first_touch_at - f.assigned_at))
                       filter (where f.first_touch_at is not null and f.assigned_at is not null) as median_touch,
                   count(*) filter (where f.sla_breached_at is null) as sla_kept,
                   count(f.won_at) as won
            from lead_fact f
            where f.captured_at >= $1 and f.captured_at < $2 and f.merged_into is null and f.rep_id is not null
            group by 1 order by 1""";

    private final Pool pool;

    public RepFiguresRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RepFigures.Rep>> byRep(Instant from, Instant to) {
        return pool.preparedQuery(BY_REP).execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<RepFigures.Rep> reps = new ArrayList<>();
                    for (Row row : rows) {
                        long assigned = row.getLong("assigned");
                        Double median = row.getDouble("median_touch");
                        reps.add(new RepFigures.Rep(row.getString("rep_id"), assigned, row.getLong("contacted"),
                                median == null ? null : Math.round(median),
                                assigned == 0 ? null : (double) row.getLong("sla_kept") / assigned,
                                row.getLong("won")));
                    }
                    return reps;
                });
    }
}
