package io.leadstream.insights.counts;

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

/**
 * Grouped lead counts: the leads captured in each of a list of ranges (a figure's buckets, already cut to its range)
 * per key, and how many of them have been qualified; from the daily rollup {@code lead_day} for whole UTC days and
 * from {@code lead_fact} for the rest ({@link RollupRepository}). A lead merged into another is counted once, as its
 * survivor.
 */
@ApplicationScoped
public class LeadCountsRepository {

    /** Range {@code n}'s (and a key's) counts; {@code key} null for leads without a value, and when not grouped. */
    public record Counted(int n, String key, long leads, long qualified) {
    }

    private final Pool pool;

    public LeadCountsRepository(Pool pool) {
        this.pool = pool;
    }

    /** {@code groupBy} null: every lead under no key. */
    public Uni<List<Counted>> counts(List<TimeRange> ranges, GroupBy groupBy) {
        Dimension dimension = groupBy == null ? Dimension.ALL : groupBy.dimension();
        String name = groupBy == null ? "u.key" : groupBy.groupName();
        String sql = RollupRepository.WITH + "select u.n, " + name + " as key, sum(u.leads)::bigint as leads, "
                + "sum(u.qualified)::bigint as qualified from ("
                + RollupRepository.leadDays("r.key, r.leads, r.qualified", "r.dim = $7")
                + " union all "
                + RollupRepository.facts(dimension.key() + " as key, 1 as leads, "
                        + "(f.qualified_at is not null)::int as qualified", dimension.join(), "")
                + ") u group by 1, 2 order by 1, 2";
        return pool.preparedQuery(sql)
                .execute(RollupRepository.parameters(DaySlices.of(ranges)).addString(dimension.dim()))
                .map(rows -> {
                    List<Counted> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Counted(row.getInteger("n"), row.getString("key"), row.getLong("leads"),
                                row.getLong("qualified")));
                    }
                    return list;
                });
    }
}
