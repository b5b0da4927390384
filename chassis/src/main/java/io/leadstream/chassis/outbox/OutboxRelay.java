package io.leadstream.chassis.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves committed outbox rows to the broker. Each batch runs in one database transaction: it claims up
 * to {@code batch-size} unpublished rows with {@code FOR UPDATE SKIP LOCKED} (so several relays, in one
 * process or on several replicas, never claim the same row), sends them in order, waits for every
 * acknowledgement, then marks them published and commits. If any send fails or times out, the
 * transaction rolls back, the rows stay unpublished with the attempt and error recorded, and the next
 * run retries them. Delivery is therefore at-least-once; consumers de-duplicate on {@code ce_id}.
 * A run starts when a writing transaction commits (PostgreSQL LISTEN/NOTIFY) and, as a fallback, every
 * {@code leadstream.outbox.poll-interval}.
 */
@ApplicationScoped
@IfBuildProperty(name = "leadstream.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    static final String CLAIM = "select id, aggregate_id, event_type, payload::text as payload, occurred_at "
            + "from outbox_event where published_at is null order by occurred_at, id limit $1 for update skip locked";
    static final String MARK_PUBLISHED = "update outbox_event set published_at = now(), attempts = attempts + 1 "
            + "where id = any($1)";
    static final String MARK_FAILED = "update outbox_event set attempts = attempts + 1, last_error = $2 "
            + "where id = any($1) and published_at is null";

    private final Pool pool;
    private final OutboxSender sender;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile PgSubscriber subscriber;

    public OutboxRelay(Pool pool, OutboxSender sender, OutboxConfig config) {
        this.pool = pool;
        this.sender = sender;
        this.config = config;
    }

    /**
     * Listens for the NOTIFY that {@link Outbox#record} sends, delivered when the writing transaction
     * commits, so events leave within milliseconds; the scheduled poll is the fallback.
     */
    void listen(@Observes StartupEvent started, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (!config.relayEnabled() || !config.listen() || url.isEmpty()) {
            return;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.get().replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber.channel(Outbox.NOTIFY_CHANNEL)
                .subscribeHandler(ignored -> trigger()) // (re)connected: catch up on what committed meanwhile
                .handler(ignored -> trigger());
        subscriber.connect().onFailure(e -> Log.warnf(
                "outbox relay cannot listen for notifications (%s); publishing every %s instead", e.getMessage(),
                config.pollInterval()));
    }

    @PreDestroy
    void stopListening() {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    @Scheduled(every = "${leadstream.outbox.poll-interval:1s}", delayed = "${leadstream.outbox.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = RelayDisabled.class)
    void scheduledRelay() {
        trigger();
    }

    /**
     * Relays everything pending, one run at a time in this process: a trigger that arrives during a run
     * makes that run go round once more, so nothing committed meanwhile waits for the next poll.
     */
    public void trigger() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        relayPending()
                .onFailure().invoke(e -> Log.warnf("outbox relay run failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithItem(0)
                .subscribe().with(published -> {
                    running.set(false);
                    if (again.get()) {
                        trigger();
                    }
                });
    }

    /** Relays batches until nothing is pending (or a batch fails); returns how many rows were published. */
    public Uni<Integer> relayPending() {
        return relayPending(0);
    }

    private Uni<Integer> relayPending(int soFar) {
        return relayBatch().chain(n -> n < config.batchSize() ? Uni.createFrom().item(soFar + n) : relayPending(soFar + n));
    }

    /** Claims, sends and marks one batch; returns how many rows it published (0 when none was free). */
    public Uni<Integer> relayBatch() {
        List<UUID> claimed = new ArrayList<>();
        return pool.withTransaction(conn -> claim(conn)
                .invoke(events -> events.forEach(e -> claimed.add(e.id())))
                .chain(events -> events.isEmpty()
                        ? Uni.createFrom().item(0)
                        : sendAll(events).chain(() -> markPublished(conn, events)).replaceWith(events.size())))
                .onFailure().call(e -> recordFailure(claimed, e));
    }

    private Uni<List<PendingEvent>> claim(SqlConnection conn) {
        return conn.preparedQuery(CLAIM).execute(Tuple.of(config.batchSize())).map(rows -> {
            List<PendingEvent> events = new ArrayList<>();
            for (Row row : rows) {
                OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
                events.add(new PendingEvent(row.getUUID("id"), row.getString("aggregate_id"),
                        row.getString("event_type"), row.getString("payload"),
                        occurred == null ? Instant.now() : occurred.toInstant()));
            }
            return events;
        });
    }

    private Uni<Void> sendAll(List<PendingEvent> events) {
        // subscribed in list order, so the producer keeps each lead's events in order on its partition
        List<Uni<Void>> sends = events.stream().map(sender::send).toList();
        return Uni.join().all(sends).andFailFast()
                .ifNoItem().after(config.sendTimeout())
                .failWith(() -> new IllegalStateException("the broker did not acknowledge " + events.size()
                        + " outbox events within " + config.sendTimeout()))
                .replaceWithVoid();
    }

    private Uni<Void> markPublished(SqlConnection conn, List<PendingEvent> events) {
        UUID[] ids = events.stream().map(PendingEvent::id).toArray(UUID[]::new);
        return conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).replaceWithVoid();
    }

    private Uni<Void> recordFailure(List<UUID> ids, Throwable error) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String message = String.valueOf(error.getMessage());
        String reason = error.getClass().getSimpleName() + ": " + message.substring(0, Math.min(500, message.length()));
        return pool.preparedQuery(MARK_FAILED).execute(Tuple.of(ids.toArray(UUID[]::new), reason))
                .onFailure().invoke(e -> Log.warnf("could not record outbox failure: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Skips the scheduled run when {@code leadstream.outbox.relay-enabled=false}. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {
        private final OutboxConfig config;

        public RelayDisabled(OutboxConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.relayEnabled();
        }
    }
}
