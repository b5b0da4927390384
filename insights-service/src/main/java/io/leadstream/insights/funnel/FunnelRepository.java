package io.leadstream.insights.funnel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.funnel.Funnel.Filters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The funnel's one query over the read model (facts' {@code LeadFactRepository}): the cohort from {@code lead_fact}
 * (found through its {@code captured_at} index), grouped by each lead's furthest main-path stage ({@code furthest}, see
 * {@link Stage#rank}), with how many stand in UNQUALIFIED or INACTIVE now ({@code lead_fact.stage}, the newest change).
 * A lead merged into another is left out (counted as its survivor).
 */
@ApplicationScoped
public class FunnelRepository {

    /** The leads whose furthest main-path stage is {@code furthest} (null: never entered the pipeline). */
    public record Counted(Stage furthest, long leads, long unqualified, long inactive) {
    }

    /** Each lead's furthest main-path stage is kept on its row ({@code furthest}, facts' upsert of a stage change). */
    static final String FUNNEL = "select f.furthest, count(*) as leads, "
            + "count(*) filter (where f.stage = 'UNQUALIFIED') as unqualified, "
            + "count(*) filter (where f.stage = 'INACTIVE') as inactive "
            + "from lead_fact f "
            + "where f.captured_at >= $1 and f.captured_at < $2 and f.merged_into is null "
            + "and ($3::text is null or $3::text = any(f.products)) and ($4::text is null or f.segment = $4::text) "
            + "and ($5::text is null or f.source = $5::text) "
            + "group by f.furthest";

    private final Pool pool;

    public FunnelRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Counted>> counts(Instant from, Instant to, Filters filters) {
        Tuple params = Tuple.tuple().addOffsetDateTime(from.atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(to.atOffset(ZoneOffset.UTC)).addString(filters.product())
                .addString(filters.segment()).addString(filters.source());
        return pool.preparedQuery(FUNNEL).execute(params).map(rows -> {
            List<Counted> list = new ArrayList<>();
            for (Row row : rows) {
                Integer rank = row.getInteger("furthest");
                list.add(new Counted(rank == null ? null : Stage.pipeline().get(rank - 1), row.getLong("leads"),
                        row.getLong("unqualified"), row.getLong("inactive")));
            }
            return list;
        });
    }
}
