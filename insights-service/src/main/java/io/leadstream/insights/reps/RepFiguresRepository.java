package io.leadstream.insights.reps;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reps' figures over the {@code lead_fact} read model: the leads captured in a period that a rep owns, a manually
 * merged lead counted once (as its survivor). The counts from the daily rollups (dimension rep) and the facts at the
 * ends ({@link RollupRepository}); each rep's median time to first touch exactly as {@code percentile_cont} gives it,
 * without reading every lead: the rollups count each rep's leads per bin of that time (dimension repTouchBin), which
 * says which one or two bins hold the median ({@link BinnedPercentile}), and only those bins' leads are read (index
 * {@code lead_fact_rep_touch}, migration V10). In one snapshot.
 */
@ApplicationScoped
public class RepFiguresRepository {

    /** $7: the rollup dimension rep. */
    static final String COUNTS = RollupRepository.WITH + "select u.rep_id, sum(u.leads)::bigint as assigned, "
            + "sum(u.contacted)::bigint as contacted, sum(u.sla_breached)::bigint as sla_breached, "
            + "sum(u.won)::bigint as won from ("
            + RollupRepository.leadDays("r.key, r.leads, r.contacted, r.sla_breached, r.won",
                    "r.dim = $7 and r.key is not null")
            + " union all "
            + RollupRepository.facts("f.rep_id, 1, (f.contacted_at is not null)::int, "
                    + "(f.sla_breached_at is not null)::int, (f.won_at is not null)::int", "", "f.rep_id is not null")
            + ") u (n, rep_id, leads, contacted, sla_breached, won) group by 1 order by 1";

    /** Each rep's touched leads per bin of the time to first touch; $7: the rollup dimension repTouchBin. */
    static final String TOUCH_BINS = RollupRepository.WITH + "select u.rep_id, u.bin::int as bin, "
            + "sum(u.leads)::bigint as leads from ("
            + RollupRepository.leadDays("r.key, r.key2, r.leads", "r.dim = $7 and r.key is not null")
            + " union all "
            + RollupRepository.facts("f.rep_id, f.touch_bin::text, 1", "", "f.rep_id is not null and "
                    + "f.touch_bin is not null")
            + ") u (n, rep_id, bin, leads) group by 1, 2";

    /**
     * The seconds to first touch of the leads captured in [$1, $2) in some bins (the i-th: rep $3[i], bin $4[i]), each
     * bin a range scan of index lead_fact_rep_touch.
     */
    static final String TOUCHES = "select b.i::int as i, f.touch_seconds as seconds "
            + "from unnest($3::text[], $4::smallint[]) with ordinality as b(rep_id, bin, i) "
            + "cross join lateral (select * from lead_fact f where f.rep_id = b.rep_id and f.touch_bin = b.bin "
            + "and f.captured_at >= $1 and f.captured_at < $2 and f.merged_into is null "
            + "and f.touch_seconds is not null offset 0) f";

    private final Pool pool;

    public RepFiguresRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RepFigures.Rep>> byRep(Instant from, Instant to) {
        DaySlices slices = DaySlices.of(new TimeRange(from, to));
        return RollupRepository.inOneSnapshot(pool, c -> c.preparedQuery(COUNTS)
                .execute(RollupRepository.parameters(slices).addString(Dimension.REP.dim()))
                .chain(counts -> medians(c, slices, from, to).map(medians -> {
                    List<RepFigures.Rep> reps = new ArrayList<>();
                    for (Row row : counts) {
                        long assigned = row.getLong("assigned");
                        List<Double> median = medians.percentiles(row.getString("rep_id"));
                        reps.add(new RepFigures.Rep(row.getString("rep_id"), assigned, row.getLong("contacted"),
                                median.isEmpty() ? null : Math.round(median.get(0)),
                                assigned == 0 ? null : (double) (assigned - row.getLong("sla_breached")) / assigned,
                                row.getLong("won")));
                    }
                    return reps;
                })));
    }

    /** Each rep's median seconds from assignment to first touch, located in the bins and read from them. */
    private static Uni<BinnedPercentile.Grouped<String>> medians(SqlConnection c, DaySlices slices, Instant from,
            Instant to) {
        return c.preparedQuery(TOUCH_BINS)
                .execute(RollupRepository.parameters(slices).addString(Dimension.REP_TOUCH_BIN.dim()))
                .chain(rows -> {
                    Map<String, SortedMap<Integer, Long>> counts = new HashMap<>();
                    rows.forEach(row -> counts.computeIfAbsent(row.getString("rep_id"), r -> new TreeMap<>())
                            .put(row.getInteger("bin"), row.getLong("leads")));
                    BinnedPercentile.Grouped<String> medians = new BinnedPercentile.Grouped<>(counts, 0.5);
                    if (medians.toRead().isEmpty()) {
                        return Uni.createFrom().item(medians);
                    }
                    return c.preparedQuery(TOUCHES).execute(Tuple.of(from.atOffset(ZoneOffset.UTC),
                            to.atOffset(ZoneOffset.UTC),
                            medians.toRead().stream().map(BinnedPercentile.Bin::group).toArray(String[]::new),
                            medians.toRead().stream().map(b -> (short) b.bin()).toArray(Short[]::new)))
                            .map(touches -> {
                                for (Row row : touches) {
                                    medians.read(row.getInteger(0) - 1, row.getDouble(1));
                                }
                                return medians;
                            });
                });
    }
}
