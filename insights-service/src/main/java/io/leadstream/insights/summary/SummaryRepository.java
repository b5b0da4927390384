package io.leadstream.insights.summary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The summary's aggregate queries over the {@code lead_fact} read model (facts' {@code LeadFactRepository}), over the
 * leads captured in a period; a lead a manager merged into another is counted once, as its survivor (an erased lead
 * stays counted).
 */
@ApplicationScoped
public class SummaryRepository {

    static final String COHORT = "from lead_fact f where f.captured_at >= $1 and f.captured_at < $2 "
            + "and f.merged_into is null";

    static final String SUMMARY = "select count(*) as captured, count(scored_at) as scored, count(assigned_at) as assigned, "
            + "count(qualified_at) as qualified, count(won_at) as won, "
            + "count(*) filter (where won_at is null and stage = 'UNQUALIFIED') as lost, "
            + "percentile_cont(0.5) within group (order by extract(epoch from assigned_at - captured_at)) as median_speed "
            + COHORT;

    /** Counted per distinct product list first, then spread over its products (fewer rows to unnest). */
    static final String BY_PRODUCT = "select p.product as key, sum(g.qualified)::bigint as qualified "
            + "from (select f.products, count(*) as qualified " + COHORT + " and f.qualified_at is not null "
            + "group by 1) g left join lateral unnest(g.products) as p(product) on true group by 1 order by 2 desc, 1";

    static final String BY_SEGMENT = "select f.segment as key, count(*) as qualified " + COHORT
            + " and f.qualified_at is not null group by 1 order by 2 desc, 1";

    /** Counts over the leads captured in a period; {@code medianSpeedToLeadSeconds} is null when none was assigned. */
    public record Counts(long captured, long scored, long assigned, long qualified, long won, long lost,
            Double medianSpeedToLeadSeconds) {
    }

    private final Pool pool;

    public SummaryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Leads captured in [from, to): how many were scored, assigned, qualified, won, lost; the median speed-to-lead. */
    public Uni<Counts> counts(Instant from, Instant to) {
        return pool.preparedQuery(SUMMARY).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
            Row row = rows.iterator().next();
            return new Counts(row.getLong("captured"), row.getLong("scored"), row.getLong("assigned"),
                    row.getLong("qualified"), row.getLong("won"), row.getLong("lost"), row.getDouble("median_speed"));
        });
    }

    /** The qualified leads captured in [from, to) per product (a lead with several under each), most first. */
    public Uni<List<Summary.Qualified>> qualifiedByProduct(Instant from, Instant to) {
        return keyed(BY_PRODUCT, from, to);
    }

    /** The qualified leads captured in [from, to) per segment, most first. */
    public Uni<List<Summary.Qualified>> qualifiedBySegment(Instant from, Instant to) {
        return keyed(BY_SEGMENT, from, to);
    }

    private Uni<List<Summary.Qualified>> keyed(String sql, Instant from, Instant to) {
        return pool.preparedQuery(sql).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
            List<Summary.Qualified> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new Summary.Qualified(row.getString("key"), row.getLong("qualified")));
            }
            return list;
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
