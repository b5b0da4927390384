package io.leadstream.chassis.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.chassis.inbox.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Moves committed outbox rows to the broker. Each batch runs in one database transaction: it takes the relay's turn
 * (a transaction-scoped advisory lock: on several replicas one relay sends at a time, the others skip their run),
 * claims up to {@code batch-size} unpublished rows in the order they were inserted with {@code FOR UPDATE SKIP LOCKED}
 * (so no two relays ever claim the same row), sends them in order, waits for every acknowledgement, then marks them
 * published and commits. A lead's rows are inserted in the order their transactions commit ({@link Outbox}), so they
 * leave in that order, each with the lead's sequence number. Delivery is therefore at-least-once; consumers
 * de-duplicate on {@code ce_id}. A run starts when a writing transaction commits (PostgreSQL
 * LISTEN/NOTIFY) and, as a fallback, every {@code leadstream.outbox.poll-interval}.
 * <p>
 * If any send of a batch fails or times out, the transaction rolls back and the batch's rows are sent again
 * one at a time, in order, each in a transaction of its own, so that one bad row cannot hold back the
 * others. A row whose own send fails has the attempt and error recorded; a failure that will pass (the
 * broker unreachable, a timeout: {@link Failures}) ends the run, to be retried on the next; one that will
 * not (the broker refused the record) lets the run go on with the other leads' rows, and after
 * {@code leadstream.outbox.max-attempts} such attempts the row is parked ({@code parked_at}): no longer
 * claimed, its error kept, logged at WARN and counted ({@link OutboxMaintenance}). A lead's later rows wait
 * behind its failed or parked row (in the run, and in every claim while the row is parked), so a lead's
 * events are never published out of order; an operator un-parks a row by setting {@code parked_at} back to
 * null once the cause is fixed.
 */
@ApplicationScoped
@IfBuildProperty(name = "leadstream.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    /**
     * One relay at a time per database: every relay transaction first takes this transaction-scoped advisory lock, or
     * gives up its turn when another replica's relay holds it (several relays sending at once could publish one lead's
     * rows out of order).
     */
    static final String TURN = "select pg_try_advisory_xact_lock(hashtext('leadstream.outbox.relay')) as mine";
    /** The first rows in insertion order that are neither published nor parked, nor held back by a parked row. */
    static final String CLAIM = "select id, aggregate_id, event_type, payload::text as payload, occurred_at, sequence, "
            + "traceparent "
            + "from outbox_event o where published_at is null and parked_at is null and not exists (select 1 "
            + "from outbox_event p where p.aggregate_id = o.aggregate_id and p.parked_at is not null "
            + "and p.published_at is null) order by position limit $1 for update skip locked";
    /** One row of a failed batch, again, unless another relay took it meanwhile. */
    static final String CLAIM_ONE = "select id, aggregate_id, event_type, payload::text as payload, occurred_at, "
            + "sequence, traceparent from outbox_event where id = $1 and published_at is null and parked_at is null "
            + "for update skip locked";
    static final String MARK_PUBLISHED = "update outbox_event set published_at = now(), attempts = attempts + 1 "
            + "where id = any($1)";
    /** A batch's failed send that will pass (the broker away): every row keeps waiting, with the attempt recorded. */
    static final String MARK_FAILED_ALL = "update outbox_event set attempts = attempts + 1, last_error = $2 "
            + "where id = any($1) and published_at is null";
    /** A row's own failed send; parked ($3) when it will not pass and this was its last allowed attempt ($4). */
    static final String MARK_FAILED = "update outbox_event set attempts = attempts + 1, last_error = $2, "
            + "parked_at = case when $3 and attempts + 1 >= $4 then now() end "
            + "where id = $1 and published_at is null returning parked_at is not null as parked, attempts";

    private final Pool pool;
    private final OutboxSender sender;
    private final OutboxConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile PgSubscriber subscriber;

    private final MeterRegistry registry;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    public OutboxRelay(Pool pool, OutboxSender sender, OutboxConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.sender = sender;
        this.config = config;
        this.registry = registry;
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

    /**
     * Claims, sends and marks one batch; returns how many rows it published (0 when none was free). When the
     * batch fails for a reason that will pass (the broker away: {@link Failures}) every row keeps waiting with
     * the attempt recorded and the failure is passed on (the next run retries); for any other reason its rows are
     * sent one at a time ({@link #oneByOne}) and the count is theirs.
     */
    public Uni<Integer> relayBatch() {
        List<PendingEvent> claimed = new ArrayList<>();
        return pool.withTransaction(conn -> claim(conn, CLAIM, Tuple.of(config.batchSize()))
                .invoke(claimed::addAll)
                .chain(events -> events.isEmpty()
                        ? Uni.createFrom().item(0)
                        : sendAll(events).chain(() -> markPublished(conn, events)).replaceWith(events.size())))
                .invoke(() -> countPublished(claimed)) // committed: the rows are marked published
                .onFailure(e -> !claimed.isEmpty()).recoverWithUni(e -> {
                    if (Failures.classify(e) == Failures.Kind.TRANSIENT) {
                        // the broker is away or slow: no row is to blame, all of them wait for the next run
                        return recordFailure(claimed, e).chain(() -> Uni.createFrom().failure(e));
                    }
                    Log.infof("outbox relay: a batch of %d failed (%s); sending its rows one at a time", claimed.size(),
                            Failures.describe(e));
                    return oneByOne(claimed, 0, new HashSet<>(), 0);
                });
    }

    /**
     * Sends {@code rows} from {@code index} on, each in its own transaction, skipping the rows of a lead whose
     * earlier row failed in this run; stops at a failure that will pass (failing with it). Answers how many rows
     * were published.
     */
    private Uni<Integer> oneByOne(List<PendingEvent> rows, int index, Set<String> failedLeads, int published) {
        if (index == rows.size()) {
            return Uni.createFrom().item(published);
        }
        PendingEvent row = rows.get(index);
        if (failedLeads.contains(row.aggregateId())) {
            return oneByOne(rows, index + 1, failedLeads, published);
        }
        return pool.withTransaction(conn -> claim(conn, CLAIM_ONE, Tuple.of(row.id()))
                .chain(events -> {
                    if (events.isEmpty()) {
                        // published, claimed or parked meanwhile, or another relay has the turn: the lead's later
                        // rows wait for the next run, which claims them behind this one
                        failedLeads.add(row.aggregateId());
                        return Uni.createFrom().item(0);
                    }
                    return sendAll(events).chain(() -> markPublished(conn, events)).replaceWith(1);
                }))
                .invoke(n -> {
                    if (n == 1) {
                        countPublished(List.of(row));
                    }
                })
                // this row's failure only: the rows after it are sent by the chain below, outside this recovery
                .onFailure().recoverWithUni(e -> {
                    boolean passes = Failures.classify(e) == Failures.Kind.TRANSIENT;
                    return recordFailure(row, e, !passes).chain(() -> {
                        if (passes) {
                            return Uni.createFrom().<Integer>failure(e);
                        }
                        failedLeads.add(row.aggregateId());
                        return Uni.createFrom().item(0);
                    });
                })
                .chain(n -> oneByOne(rows, index + 1, failedLeads, published + n));
    }

    /** The rows {@code sql} claims, when this relay has the turn ({@link #TURN}); none when another relay has it. */
    private Uni<List<PendingEvent>> claim(SqlConnection conn, String sql, Tuple params) {
        return conn.query(TURN).execute().chain(turn -> turn.iterator().next().getBoolean("mine")
                ? claimRows(conn, sql, params)
                : Uni.createFrom().item(List.<PendingEvent>of()));
    }

    private Uni<List<PendingEvent>> claimRows(SqlConnection conn, String sql, Tuple params) {
        return conn.preparedQuery(sql).execute(params).map(rows -> {
            List<PendingEvent> events = new ArrayList<>();
            for (Row row : rows) {
                OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
                events.add(new PendingEvent(row.getUUID("id"), row.getString("aggregate_id"),
                        row.getString("event_type"), row.getString("payload"),
                        occurred == null ? Instant.now() : occurred.toInstant(), row.getLong("sequence"),
                        row.getString("traceparent")));
            }
            return events;
        });
    }

    private Uni<Void> sendAll(List<PendingEvent> events) {
        // subscribed in list order, so the producer keeps each lead's events in order on its partition
        List<Uni<Void>> sends = events.stream().map(sender::send).toList();
        return Uni.join().all(sends).andFailFast()
                .ifNoItem().after(config.sendTimeout())
                .failWith(() -> new TimeoutException("the broker did not acknowledge " + events.size()
                        + " outbox events within " + config.sendTimeout()))
                .replaceWithVoid();
    }

    /**
     * Counter {@code leadstream.events.published{type}}: the events this relay published, by type, once the rows are
     * marked published and that transaction committed (the dashboard's leads captured, scored and assigned per second
     * are its lead.captured, lead.scored and lead.assigned/lead.claimed rates). A batch the broker took but whose rows
     * could not be marked is counted once, when it is sent again and marked: the consumers may see such an event twice.
     */
    private void countPublished(List<PendingEvent> events) {
        for (PendingEvent event : events) {
            published.computeIfAbsent(event.ceType(), type -> Counter.builder("leadstream.events.published")
                    .description("events the outbox relay published, by CloudEvents type").tag("type", type)
                    .register(registry)).increment();
        }
    }

    private Uni<Void> markPublished(SqlConnection conn, List<PendingEvent> events) {
        UUID[] ids = events.stream().map(PendingEvent::id).toArray(UUID[]::new);
        return conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).replaceWithVoid();
    }

    private Uni<Void> recordFailure(List<PendingEvent> rows, Throwable error) {
        UUID[] ids = rows.stream().map(PendingEvent::id).toArray(UUID[]::new);
        return pool.preparedQuery(MARK_FAILED_ALL).execute(Tuple.of(ids, reason(error)))
                .onFailure().invoke(e -> Log.warnf("could not record outbox failure: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Records the row's failed send; {@code mayPark}: the failure will not pass, so the row's last attempt parks it. */
    private Uni<Void> recordFailure(PendingEvent row, Throwable error, boolean mayPark) {
        String reason = reason(error);
        return pool.preparedQuery(MARK_FAILED).execute(Tuple.of(row.id(), reason, mayPark, config.maxAttempts()))
                .invoke(rows -> {
                    for (Row r : rows) {
                        if (r.getBoolean("parked")) {
                            Log.warnf("outbox row %s (%s of %s) parked after %d attempts: %s — the lead's later events "
                                    + "wait behind it; set parked_at to null once the cause is fixed", row.id(),
                                    row.ceType(), row.aggregateId(), r.getInteger("attempts"), reason);
                        } else {
                            Log.infof("outbox row %s (%s of %s) not sent, attempt %d: %s", row.id(), row.ceType(),
                                    row.aggregateId(), r.getInteger("attempts"), reason);
                        }
                    }
                })
                .onFailure().invoke(e -> Log.warnf("could not record outbox failure: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The failure as last_error keeps it: its description, at most 1 000 characters. */
    private static String reason(Throwable error) {
        String described = Failures.describe(error);
        return described.substring(0, Math.min(1000, described.length()));
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
