package io.leadstream.insights.summary;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The summary's one aggregate query over the {@code lead_fact} read model (facts' {@code LeadFactRepository}). */
@ApplicationScoped
public class SummaryRepository {

    static final String SUMMARY = "select count(*) as captured, count(scored_at) as scored, count(assigned_at) as assigned, "
            + "percentile_cont(0.5) within group (order by extract(epoch from assigned_at - captured_at)) as median_speed "
            + "from lead_fact where captured_at >= $1 and captured_at < $2 and merged_into is null";

    /** Counts over the leads captured in a period; {@code medianSpeedToLeadSeconds} is null when none was assigned. */
    public record Counts(long captured, long scored, long assigned, Double medianSpeedToLeadSeconds) {
    }

    private final Pool pool;

    public SummaryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Leads captured in [from, to), how many of them were scored and assigned, and the median speed-to-lead; a lead a
     * manager merged into another is counted once, as its survivor (an erased lead stays counted).
     */
    public Uni<Counts> counts(Instant from, Instant to) {
        return pool.preparedQuery(SUMMARY).execute(Tuple.of(utc(from), utc(to))).map(rows -> {
            Row row = rows.iterator().next();
            return new Counts(row.getLong("captured"), row.getLong("scored"), row.getLong("assigned"),
                    row.getDouble("median_speed"));
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
