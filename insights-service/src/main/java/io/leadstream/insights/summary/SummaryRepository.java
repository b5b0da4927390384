package io.leadstream.insights.summary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.periods.TimeRange;
import io.leadstream.insights.rollups.BinnedPercentile;
import io.leadstream.insights.rollups.DaySlices;
import io.leadstream.insights.rollups.Dimension;
import io.leadstream.insights.rollups.RollupRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The summary's aggregate queries over the leads captured in a period: the counts from the daily rollup
 * {@code lead_day} and the facts at the ends ({@link RollupRepository}), the median from the rollup's bins and the
 * leads of one or two of them; a lead a manager merged into another is counted once, as its survivor (an erased lead
 * stays counted).
 */
@ApplicationScoped
public class SummaryRepository {

    static final String COUNTS = RollupRepository.WITH + "select coalesce(sum(leads), 0)::bigint as captured, "
            + "coalesce(sum(scored), 0)::bigint as scored, coalesce(sum(assigned), 0)::bigint as assigned, "
            + "coalesce(sum(qualified), 0)::bigint as qualified, coalesce(sum(won), 0)::bigint as won, "
            + "coalesce(sum(lost), 0)::bigint as lost from ("
            + RollupRepository.leadDays("r.leads, r.scored, r.assigned, r.qualified, r.won, r.lost",
                    "r.dim = ''")
            + " union all "
            + RollupRepository.facts("1, (f.scored_at is not null)::int, (f.assigned_at is not null)::int, "
                    + "(f.qualified_at is not null)::int, (f.won_at is not null)::int, "
                    + RollupRepository.one("f.won_at is null and f.stage = 'UNQUALIFIED'"), "", "")
            + ") u (n, leads, scored, assigned, qualified, won, lost)";

    /** The leads per bin of their speed-to-lead (the assigned ones; $7: the rollup dimension speedBin). */
    static final String SPEED_BINS = RollupRepository.WITH
            + "select u.key::int as bin, sum(u.leads)::bigint as leads from ("
            + RollupRepository.leadDays("r.key, r.leads", "r.dim = $7 and r.key is not null")
            + " union all "
            + RollupRepository.facts(Dimension.SPEED_BIN.key() + ", 1", "", "f.speed_bin is not null")
            + ") u (n, key, leads) group by 1 order by 1";

    /** The speeds of the leads in some bins ($3), in order: through index lead_fact_speed_bin. */
    static final String SPEEDS = "select extract(epoch from f.assigned_at - f.captured_at)::float8 as speed "
            + "from lead_fact f where f.speed_bin = any($3::smallint[]) and f.captured_at >= $1 and f.captured_at < $2 "
            + "and f.merged_into is null order by 1";

    /** The qualified leads per key of a dimension ($7), most first. */
    static final String QUALIFIED = RollupRepository.WITH + "select u.key, sum(u.qualified)::bigint as qualified from ("
            + RollupRepository.leadDays("r.key, r.qualified", "r.dim = $7 and r.qualified > 0")
            + " union all "
            + "%s) u group by 1 having sum(u.qualified) > 0 order by 2 desc, 1";

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
        return Uni.combine().all().unis(
                pool.preparedQuery(COUNTS).execute(RollupRepository.parameters(DaySlices.of(new TimeRange(from, to)))),
                medianSpeed(from, to)).asTuple().map(both -> {
                    Row row = both.getItem1().iterator().next();
                    return new Counts(row.getLong("captured"), row.getLong("scored"), row.getLong("assigned"),
                            row.getLong("qualified"), row.getLong("won"), row.getLong("lost"), both.getItem2());
                });
    }

    /**
     * The median seconds from capture to first assignment of the leads captured in [from, to) (null: none assigned),
     * exactly: the rollup's counts per bin say which bins hold it, and only their leads are read (both in one snapshot, so
     * that a lead written in between cannot shift the positions the counts gave).
     */
    Uni<Double> medianSpeed(Instant from, Instant to) {
        return RollupRepository.inOneSnapshot(pool, c -> c.preparedQuery(SPEED_BINS)
                .execute(RollupRepository.parameters(DaySlices.of(new TimeRange(from, to)))
                        .addString(Dimension.SPEED_BIN.dim())).chain(rows -> {
                    SortedMap<Integer, Long> counts = new TreeMap<>();
                    rows.forEach(row -> counts.put(row.getInteger("bin"), row.getLong("leads")));
                    BinnedPercentile.Located median = BinnedPercentile.locate(counts, 0.5);
                    if (median == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return c.preparedQuery(SPEEDS).execute(Tuple.of(utc(from), utc(to),
                            median.bins().stream().map(Integer::shortValue).toArray(Short[]::new))).map(speeds -> {
                                List<Double> sorted = new ArrayList<>();
                                speeds.forEach(row -> sorted.add(row.getDouble("speed")));
                                return median.value(sorted);
                            });
                }));
    }

    /** The qualified leads captured in [from, to) per product (a lead with several under each), most first. */
    public Uni<List<Summary.Qualified>> qualifiedByProduct(Instant from, Instant to) {
        return keyed(Dimension.PRODUCT, from, to);
    }

    /** The qualified leads captured in [from, to) per segment, most first. */
    public Uni<List<Summary.Qualified>> qualifiedBySegment(Instant from, Instant to) {
        return keyed(Dimension.SEGMENT, from, to);
    }

    private Uni<List<Summary.Qualified>> keyed(Dimension dimension, Instant from, Instant to) {
        String sql = QUALIFIED.formatted(RollupRepository.facts(dimension.key() + " as key, 1 as qualified",
                dimension.join(), "f.qualified_at is not null"));
        return pool.preparedQuery(sql).execute(RollupRepository.parameters(DaySlices.of(new TimeRange(from, to)))
                .addString(dimension.dim())).map(rows -> {
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
