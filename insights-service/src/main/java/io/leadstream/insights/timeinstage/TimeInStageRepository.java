package io.leadstream.insights.timeinstage;

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
 * Time in stage over the {@code stage_entry} read model (facts' {@code LeadFactRepository}): the entries entered in a
 * range (index {@code stage_entry_ended}), each lasting until the lead's next entry ({@code left_at}, kept as
 * events arrive); an entry without a next one (the stage the lead is in) has no duration. Leads merged into another
 * ({@code lead_fact.merged_into}) are left out. Medians and 90th percentiles interpolated (PostgreSQL's
 * {@code percentile_cont}), in seconds.
 */
@ApplicationScoped
public class TimeInStageRepository {

    /** One stage's durations: how many, their median and 90th percentile in seconds. */
    public record Durations(String stage, long durations, Double medianSeconds, Double p90Seconds) {
    }

    /** Each entry's end is kept on it ({@code left_at}, facts' upsert of a stage change); found by when it began. */
    static final String TIMES = "select e.stage, count(*) as durations, "
            + "percentile_cont(0.5) within group (order by extract(epoch from e.left_at - e.entered_at)) as median, "
            + "percentile_cont(0.9) within group (order by extract(epoch from e.left_at - e.entered_at)) as p90 "
            + "from stage_entry e "
            + "where e.entered_at >= $1 and e.entered_at < $2 and e.left_at is not null "
            + "and not exists (select 1 from lead_fact f where f.lead_id = e.lead_id and f.merged_into is not null) "
            + "group by e.stage";

    private final Pool pool;

    public TimeInStageRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Durations>> durations(Instant from, Instant to) {
        return pool.preparedQuery(TIMES).execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Durations> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Durations(row.getString("stage"), row.getLong("durations"),
                                row.getDouble("median"), row.getDouble("p90")));
                    }
                    return list;
                });
    }
}
