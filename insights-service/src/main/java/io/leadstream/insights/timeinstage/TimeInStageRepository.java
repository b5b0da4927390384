package io.leadstream.insights.timeinstage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.insights.periods.TimeRange;
import io.leadstream.insights.rollups.BinnedPercentile;
import io.leadstream.insights.rollups.DaySlices;
import io.leadstream.insights.rollups.RollupRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Time in stage over the {@code stage_entry} read model (facts' {@code LeadFactRepository}): the stays entered in a
 * range, each lasting until the lead's next entry ({@code left_at}, kept as events arrive; its seconds and their bin
 * kept on the row, migration V10); an entry without a next one (the stage the lead is in) has no duration. Leads merged
 * into another ({@code lead_fact.merged_into}) are left out. Medians and 90th percentiles exactly as PostgreSQL's
 * {@code percentile_cont} interpolates them, in seconds, without reading every stay: the stays' rollups
 * ({@code stage_day}, {@code stage_month}; {@link RollupRepository#STAYS}) count them per stage and bin, which says
 * which one or two bins hold each percentile ({@link BinnedPercentile}), and only those bins' stays are read.
 */
@ApplicationScoped
public class TimeInStageRepository {

    /** One stage's durations: how many, their median and 90th percentile in seconds. */
    public record Durations(String stage, long durations, Double medianSeconds, Double p90Seconds) {
    }

    /** The stays per stage and bin: whole days and months from the rollups, the rest from the stays themselves. */
    static final String BINS = RollupRepository.with(RollupRepository.STAYS)
            + "select u.stage, u.bin, sum(u.entries)::bigint as entries from ("
            + RollupRepository.stageDays("r.stage, r.bin, r.entries", "true")
            + " union all " + RollupRepository.stays("e.stage, e.stay_bin, 1")
            + ") u (n, stage, bin, entries) group by 1, 2 order by 1, 2";

    /**
     * The seconds of the stays entered in [$1, $2) in some bins (the i-th: stage $3[i], bin $4[i]), each bin a range
     * scan of index stage_entry_stay. Unsorted: PostgreSQL took twice as long sorting a year's 40 000 as reading them.
     */
    static final String STAYS = "select b.i::int as i, e.stay_seconds as seconds "
            + "from unnest($3::text[], $4::smallint[]) with ordinality as b(stage, bin, i) "
            + "cross join lateral (select * from stage_entry e where e.stage = b.stage and e.stay_bin = b.bin "
            + "and e.entered_at >= $1 and e.entered_at < $2 and e.left_at is not null offset 0) e "
            + "where not exists (select 1 from lead_fact m where m.lead_id = e.lead_id and m.merged_into is not null)";

    private final Pool pool;

    public TimeInStageRepository(Pool pool) {
        this.pool = pool;
    }

    /** Per stage with stays entered in [from, to): how many, median and 90th percentile. */
    public Uni<List<Durations>> durations(Instant from, Instant to) {
        return RollupRepository.inOneSnapshot(pool, c -> c.preparedQuery(BINS)
                .execute(RollupRepository.parameters(DaySlices.of(new TimeRange(from, to))))
                .chain(rows -> {
                    Map<String, SortedMap<Integer, Long>> counts = new TreeMap<>();
                    rows.forEach(row -> counts.computeIfAbsent(row.getString("stage"), s -> new TreeMap<>())
                            .put(row.getInteger("bin"), row.getLong("entries")));
                    BinnedPercentile.Grouped<String> stages = new BinnedPercentile.Grouped<>(counts, 0.5, 0.9);
                    return read(c, from, to, stages).map(read -> {
                        List<Durations> list = new ArrayList<>();
                        read.counts().forEach((stage, n) -> {
                            List<Double> p = read.percentiles(stage);
                            list.add(new Durations(stage, n, p.get(0), p.get(1)));
                        });
                        return list;
                    });
                }));
    }

    private static Uni<BinnedPercentile.Grouped<String>> read(SqlConnection c, Instant from, Instant to,
            BinnedPercentile.Grouped<String> stages) {
        if (stages.toRead().isEmpty()) {
            return Uni.createFrom().item(stages);
        }
        return c.preparedQuery(STAYS).execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
                stages.toRead().stream().map(BinnedPercentile.Bin::group).toArray(String[]::new),
                stages.toRead().stream().map(b -> (short) b.bin()).toArray(Short[]::new))).map(rows -> {
                    for (Row row : rows) {
                        stages.read(row.getInteger(0) - 1, row.getDouble(1));
                    }
                    return stages;
                });
    }
}
