package io.leadstream.insights.counts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.periods.Period;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Grouped lead counts over the {@code lead_fact} read model (facts' {@code LeadFactRepository}): the leads captured in
 * a range per local bucket of the asker's time zone (PostgreSQL's {@code date_trunc} on the local time; ISO weeks) and
 * per key, and how many of them have been qualified. A lead merged into another is counted once, as its survivor.
 */
@ApplicationScoped
public class LeadCountsRepository {

    /** One bucket's (and key's) counts; {@code key} null for leads without a value, and when nothing is grouped by. */
    public record Counted(LocalDate start, String key, long leads, long qualified) {
    }

    private final Pool pool;

    public LeadCountsRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Counted>> counts(Instant from, Instant to, Period period, ZoneId zone, GroupBy groupBy) {
        String start = "(date_trunc('" + unit(period) + "', f.captured_at at time zone $3))::date";
        String cohort = " from lead_fact f where f.captured_at >= $1 and f.captured_at < $2 and f.merged_into is null";
        String sql = groupBy == GroupBy.PRODUCT
                // a lead under each of its products: counted per distinct product list first, then spread (a few
                // hundred lists instead of every lead's row unnested)
                ? "select g.start, " + groupBy.expression() + " as key, sum(g.leads)::bigint as leads, "
                        + "sum(g.qualified)::bigint as qualified "
                        + "from (select " + start + " as start, f.products, count(*) as leads, count(f.qualified_at) "
                        + "as qualified" + cohort + " group by 1, 2) g "
                        + "left join lateral unnest(g.products) as p(product) on true group by 1, 2 order by 1, 2"
                : "select " + start + " as start, " + (groupBy == null ? "null::text" : groupBy.expression())
                        + " as key, count(*) as leads, count(f.qualified_at) as qualified" + cohort
                        + " group by 1, 2 order by 1, 2";
        return pool.preparedQuery(sql).execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
                zone.getId())).map(rows -> {
                    List<Counted> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Counted(row.getLocalDate("start"), row.getString("key"), row.getLong("leads"),
                                row.getLong("qualified")));
                    }
                    return list;
                });
    }

    private static String unit(Period period) {
        return switch (period) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
            case QUARTER -> "quarter";
        };
    }
}
