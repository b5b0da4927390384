package io.leadstream.chassis.outbox;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.sql.ChunkedDelete;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Keeps the outbox observable and small, every {@code leadstream.outbox.maintenance-interval} (1 min): the gauges
 * {@code leadstream.outbox.pending} (rows waiting to be published), {@code leadstream.outbox.oldest.age} (seconds
 * since the oldest of them was written: what an alert watches, since a relay that cannot publish leaves it growing)
 * and {@code leadstream.outbox.parked} (rows parked after failing for good, each a lead whose later events wait),
 * and the deletion of rows published more than {@code leadstream.outbox.published-retention} (7 days) ago, a few
 * thousand per statement.
 */
@ApplicationScoped
@IfBuildProperty(name = "leadstream.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxMaintenance {

    static final String STATE = "select count(*) filter (where parked_at is null) as pending, "
            + "count(*) filter (where parked_at is not null) as parked, "
            + "min(occurred_at) filter (where parked_at is null) as oldest "
            + "from outbox_event where published_at is null";
    static final String PURGE = "delete from outbox_event where id in (select id from outbox_event "
            + "where published_at is not null and published_at < $1 limit $2)";
    static final int PURGE_CHUNK = 5_000;

    private final Pool pool;
    private final OutboxConfig config;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public OutboxMaintenance(Pool pool, OutboxConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        Gauge.builder("leadstream.outbox.pending", pending, AtomicLong::get)
                .description("outbox rows waiting to be published (parked ones not counted)").register(registry);
        Gauge.builder("leadstream.outbox.parked", parked, AtomicLong::get)
                .description("outbox rows parked after failing for good; their leads' later events wait").register(registry);
        Gauge.builder("leadstream.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("age of the oldest outbox row waiting to be published (0 when none waits)").register(registry);
    }

    @Scheduled(every = "${leadstream.outbox.maintenance-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().chain(this::purge)
                .onFailure().invoke(e -> Log.warnf("outbox maintenance failed, will try again: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Reads the outbox's state into the gauges. */
    public Uni<Void> refresh() {
        return pool.query(STATE).execute().invoke(rows -> {
            Row row = rows.iterator().next();
            pending.set(row.getLong("pending"));
            parked.set(row.getLong("parked"));
            var oldest = row.getOffsetDateTime("oldest");
            oldestAgeSeconds.set(oldest == null ? 0
                    : Math.max(0, Instant.now().getEpochSecond() - oldest.toInstant().getEpochSecond()));
        }).replaceWithVoid();
    }

    /** Deletes the rows published before the retention; answers how many. */
    public Uni<Long> purge() {
        return ChunkedDelete.run(pool, PURGE, Instant.now().minus(config.publishedRetention()), PURGE_CHUNK)
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("outbox: deleted %d rows published more than %s ago", n, config.publishedRetention());
                    }
                });
    }
}
