package io.leadstream.insights.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.chassis.inbox.EventInbox;
import io.leadstream.chassis.inbox.Failures;
import io.leadstream.chassis.inbox.InboundEvent;
import io.leadstream.chassis.replay.TopicReplay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * One rebuild, on its own thread (blocking: it waits for each batch before reading the next):
 * <ol>
 * <li><b>REPLAYING</b> — empty copies of the read models are made ({@link RebuildRepository#createFreshTables}) and every
 * topic is read from its beginning with a consumer group of its own ({@link TopicReplay}); each poll's events go through
 * the live consumers' own handlers into the fresh tables, in one transaction. The old tables keep answering.</li>
 * <li><b>SWAPPING</b> — once the fresh tables are within {@code catch-up-lag} events of the topics' ends, they take the
 * old ones' place in one short transaction.</li>
 * <li><b>FINISHING</b> — what the live consumers applied to the old tables between the catch-up and the swap is read
 * again, up to the topics' ends as of after the swap, and applied to the (now live) tables. Applying an event twice
 * changes nothing (every column is least, greatest or newest-by-its-own-time; a stage entry is a row once), so
 * the live consumers and this last pass may overlap.</li>
 * </ol>
 * Events are applied without the inbox's {@code processed_event} (the fresh tables have seen none of them). A batch the
 * database cannot take for a passing reason is retried until it can; a batch that fails otherwise is applied event
 * by event, and an event that can never be applied (unreadable, or refused: what the live consumers dead-letter) is
 * skipped and counted.
 */
final class RebuildRun implements Runnable {

    /** Every handled event type → the table that handles it (types are unique to their producer). */
    record Handlers(Map<String, EventHandlers> byType) {
        static Handlers of(Iterable<EventHandlers> tables) {
            Map<String, EventHandlers> byType = new LinkedHashMap<>();
            for (EventHandlers table : tables) {
                table.handled().keySet().forEach(type -> byType.putIfAbsent(type, table));
            }
            return new Handlers(Map.copyOf(byType));
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

    private final UUID id;
    private final RebuildRepository repository;
    private final RebuildConfig config;
    private final EventInbox inbox;
    private final Handlers handlers;
    private final Map<String, Object> kafka;
    private volatile boolean stopping;
    private long applied;
    private long ignored;
    private long skipped;
    private long reportedAt;

    RebuildRun(UUID id, RebuildRepository repository, RebuildConfig config, EventInbox inbox, Handlers handlers,
            Map<String, Object> kafka) {
        this.id = id;
        this.repository = repository;
        this.config = config;
        this.inbox = inbox;
        this.handlers = handlers;
        this.kafka = kafka;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        boolean swapped = false;
        try {
            await(repository::createFreshTables);
            try (TopicReplay replay = TopicReplay.open(kafka, config.groupPrefix() + id, config.topics(),
                    config.kafkaTimeout())) {
                checkTopicsHoldEverything(replay.progress());
                Log.infof("rebuild %s: replaying %d events of %s into fresh tables", id, replay.remaining(),
                        config.topics());
                report(Rebuild.State.REPLAYING, replay, true);
                while (!caughtUp(replay)) {
                    apply(replay.poll(POLL), true);
                    report(Rebuild.State.REPLAYING, replay, false);
                }
                report(Rebuild.State.SWAPPING, replay, true);
                awaitRetrying(() -> repository.swap(config.kafkaTimeout()));
                swapped = true;
                replay.refreshEnds();
                Log.infof("rebuild %s: swapped; applying the %d events that arrived meanwhile", id, replay.remaining());
                report(Rebuild.State.FINISHING, replay, true);
                while (!replay.caughtUp()) {
                    apply(replay.poll(POLL), false);
                    report(Rebuild.State.FINISHING, replay, false);
                }
                replay.commit();
                report(Rebuild.State.DONE, replay, true);
                Log.infof("rebuild %s: done, %d events applied, %d ignored, %d skipped", id, applied, ignored, skipped);
            }
        } catch (Exception e) {
            String error = (swapped ? "after the swap (the rebuilt tables answer; events that arrived during the swap "
                    + "may be missing from them until another rebuild): " : "the old read models were kept: ")
                    + Failures.describe(e);
            Log.errorf(e, "rebuild %s failed: %s", id, error);
            try {
                VertxContextSupport.subscribeAndAwait(() -> repository.failed(id, error, Instant.now()));
            } catch (Throwable t) {
                Log.warnf("rebuild %s: could not record the failure: %s", id, t);
            }
        }
    }

    /**
     * Refuses, before anything is replaced, a rebuild that would lose figures: a topic that does not exist (a typo in
     * {@code topics}), or one that no longer starts at its first event (retention or deleted records took some), unless
     * {@code allow-truncated-topics} says to rebuild from what is left.
     */
    private void checkTopicsHoldEverything(List<TopicReplay.PartitionProgress> partitions) {
        Set<String> found = partitions.stream().map(TopicReplay.PartitionProgress::topic).collect(Collectors.toSet());
        List<String> missing = config.topics().stream().filter(topic -> !found.contains(topic)).toList();
        if (!missing.isEmpty()) {
            throw new Refused("topic " + String.join(", ", missing) + " does not exist: a rebuild would drop every "
                    + "figure its events made (check leadstream.insights.rebuild.topics)");
        }
        List<String> truncated = partitions.stream().filter(p -> p.start() > 0)
                .map(p -> p.topic() + "-" + p.partition() + " starts at offset " + p.start()).toList();
        if (!truncated.isEmpty() && !config.allowTruncatedTopics()) {
            throw new Refused("the topics no longer hold their first events (" + String.join(", ", truncated)
                    + "): retention or deleted records took them, and a rebuild would drop the figures they made. Keep "
                    + "the topics' retention unlimited (retention.ms=-1), or set "
                    + "leadstream.insights.rebuild.allow-truncated-topics=true to rebuild from what is left");
        }
    }

    /** A rebuild that would lose figures, refused before anything was replaced. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Within catch-up-lag of the topics' ends as they are now (taken again each time the last ones are reached). */
    private boolean caughtUp(TopicReplay replay) {
        if (!replay.caughtUp()) {
            return false;
        }
        replay.refreshEnds();
        return replay.remaining() <= config.catchUpLag();
    }

    private void apply(List<ConsumerRecord<String, String>> records, boolean fresh) throws Exception {
        List<Replayed> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            InboundEvent event;
            try {
                event = inbox.read(record);
            } catch (RuntimeException e) {
                skip(record.topic() + "-" + record.partition() + "@" + record.offset(), e);
                continue;
            }
            EventHandlers table = handlers.byType().get(event.type());
            if (table == null) {
                ignored++;
            } else {
                batch.add(new Replayed(event, table));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            awaitRetrying(() -> transaction(batch, fresh));
            applied += batch.size();
        } catch (Stopped | InterruptedException e) {
            throw e;
        } catch (Exception batchFailure) {
            for (Replayed one : batch) {
                try {
                    awaitRetrying(() -> transaction(List.of(one), fresh));
                    applied++;
                } catch (Stopped | InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    skip(one.event().id() + " (" + one.event().type() + ")", e);
                }
            }
        }
    }

    /** The events through their handlers, in order, in one transaction (into the fresh tables when asked). */
    private Uni<Void> transaction(List<Replayed> events, boolean fresh) {
        return Panache.withTransaction(() -> {
            Uni<Void> chain = fresh ? repository.useFreshTables() : Uni.createFrom().voidItem();
            for (Replayed one : events) {
                chain = chain.chain(() -> one.table().apply(one.event()).replaceWithVoid());
            }
            return chain;
        });
    }

    private void skip(String what, Exception e) {
        skipped++;
        Log.warnf("rebuild %s: event %s skipped, it can never be applied: %s", id, what, Failures.describe(e));
    }

    /** Waits for {@code work}; a passing failure (database away, lock wait) is retried with back-off until it passes. */
    private void awaitRetrying(Supplier<Uni<Void>> work) throws Exception {
        long pauseMillis = 100;
        while (true) {
            checkNotStopping();
            try {
                await(work);
                return;
            } catch (Exception e) {
                if (e instanceof Stopped || Failures.classify(e) != Failures.Kind.TRANSIENT) {
                    throw e;
                }
                Log.warnf("rebuild %s: waiting for the database: %s", id, Failures.describe(e));
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private void report(Rebuild.State state, TopicReplay replay, boolean now) throws Exception {
        checkNotStopping();
        long time = System.nanoTime();
        if (!now && time - reportedAt < REPORT_EVERY.toNanos()) {
            return;
        }
        reportedAt = time;
        List<Rebuild.Partition> partitions = replay.progress().stream()
                .map(p -> new Rebuild.Partition(p.topic(), p.partition(), p.start(), p.position(), p.end())).toList();
        awaitRetrying(() -> repository.progress(id, state, applied, ignored, skipped, partitions, Instant.now()));
    }

    private void checkNotStopping() {
        if (stopping || Thread.currentThread().isInterrupted()) {
            throw new Stopped();
        }
    }

    /** The service is stopping: the rebuild ends as failed, the old tables kept (or the new ones, after the swap). */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("the service stopped during the rebuild");
        }
    }

    private static void await(Supplier<Uni<Void>> work) throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(work::get);
        } catch (Throwable t) {
            if (t instanceof Exception e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    private record Replayed(InboundEvent event, EventHandlers table) {
    }
}
