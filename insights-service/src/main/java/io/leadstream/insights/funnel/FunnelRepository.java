package io.leadstream.insights.funnel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.funnel.Funnel.Filters;
import io.leadstream.insights.periods.TimeRange;
import io.leadstream.insights.rollups.DaySlices;
import io.leadstream.insights.rollups.Dimension;
import io.leadstream.insights.rollups.RollupRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The funnel's one query over the leads captured in a period, grouped by each lead's furthest main-path stage
 * ({@code furthest}, see {@link Stage#rank}), with how many stand in UNQUALIFIED or INACTIVE now
 * ({@code lead_fact.stage}, the newest change): whole UTC days from the daily rollup {@code funnel_day} (unfiltered, or
 * by one of product, segment and source), the ends from {@code lead_fact} ({@link RollupRepository}); with two or
 * more filters all from {@code lead_fact}. A lead merged into another is left out (counted as its survivor).
 */
@ApplicationScoped
public class FunnelRepository {

    /** The leads whose furthest main-path stage is {@code furthest} (null: never entered the pipeline). */
    public record Counted(Stage furthest, long leads, long unqualified, long inactive) {
    }

    /** $7, $8: the rollup's dimension and key; $9..$11: product, segment and source, each null when not asked. */
    static final String FUNNEL = RollupRepository.WITH + "select u.furthest, sum(u.leads)::bigint as leads, "
            + "sum(u.unqualified)::bigint as unqualified, sum(u.inactive)::bigint as inactive from ("
            + RollupRepository.days("funnel_day", "r.furthest, r.leads, r.unqualified, r.inactive",
                    "r.dim = $7 and r.key = $8")
            + " union all "
            + RollupRepository.facts("f.furthest, 1, " + RollupRepository.one("f.stage = 'UNQUALIFIED'") + ", "
                    + RollupRepository.one("f.stage = 'INACTIVE'"), "",
                    "($9::text is null or $9::text = any(f.products)) and ($10::text is null or f.segment = $10::text) "
                            + "and ($11::text is null or f.source = $11::text)")
            + ") u (n, furthest, leads, unqualified, inactive) group by 1";

    private final Pool pool;

    public FunnelRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Counted>> counts(Instant from, Instant to, Filters filters) {
        List<String[]> asked = new ArrayList<>();
        for (String[] filter : new String[][] {{Dimension.PRODUCT.dim(), filters.product()},
                {Dimension.SEGMENT.dim(), filters.segment()}, {Dimension.SOURCE.dim(), filters.source()}}) {
            if (filter[1] != null) {
                asked.add(filter);
            }
        }
        TimeRange range = new TimeRange(from, to);
        DaySlices slices = asked.size() > 1 ? DaySlices.factsOnly(List.of(range)) : DaySlices.of(range);
        Tuple params = RollupRepository.parameters(slices).addString(asked.isEmpty() ? "" : asked.get(0)[0])
                .addString(asked.isEmpty() ? "" : asked.get(0)[1]).addString(filters.product())
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
