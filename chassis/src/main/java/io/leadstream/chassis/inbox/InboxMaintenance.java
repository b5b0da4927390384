package io.leadstream.chassis.inbox;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.sql.ChunkedDelete;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps the inbox small and its held leads visible, every {@code leadstream.events.maintenance-interval} (1 min):
 * deletes the {@code processed_event} rows of numbered events processed more than
 * {@code leadstream.events.processed-retention} (14 days) ago, a few thousand per statement (a copy of such an event
 * read again is behind its lead's position in {@code inbox_lead} and skipped all the same), and sets the gauge
 * {@code leadstream.events.held.leads}: leads whose events a consumer holds behind a dead-lettered one (alert on
 * any; a replay of the dead-letter topic releases them).
 */
@ApplicationScoped
public class InboxMaintenance {

    static final String PURGE = "delete from processed_event where (consumer, event_id) in (select consumer, event_id "
            + "from processed_event where sequence is not null and processed_at < $1 limit $2)";
    static final String HELD = "select count(*) from inbox_lead where held_from is not null";
    static final int PURGE_CHUNK = 5_000;

    private final Pool pool;
    private final EventsConfig config;
    private final AtomicLong held = new AtomicLong();

    public InboxMaintenance(Pool pool, EventsConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        Gauge.builder("leadstream.events.held.leads", held, AtomicLong::get)
                .description("leads whose later events a consumer holds behind one it dead-lettered").register(registry);
    }

    @Scheduled(every = "${leadstream.events.maintenance-interval:1m}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return refresh().chain(this::purge)
                .onFailure().invoke(e -> Log.warnf("inbox maintenance failed, will try again: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Reads how many leads are held into the gauge. */
    public Uni<Void> refresh() {
        return pool.query(HELD).execute().invoke(rows -> held.set(rows.iterator().next().getLong(0))).replaceWithVoid();
    }

    /** Deletes the numbered events' rows processed before the retention; answers how many. */
    public Uni<Long> purge() {
        return ChunkedDelete.run(pool, PURGE, Instant.now().minus(config.processedRetention()), PURGE_CHUNK).invoke(n -> {
            if (n > 0) {
                Log.infof("inbox: deleted %d processed_event rows older than %s", n, config.processedRetention());
            }
        });
    }
}
