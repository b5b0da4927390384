package io.leadstream.insights.rebuild;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventInbox;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/insights/rebuild}: rebuilds the read models from the topics while the old ones keep answering
 * ({@link RebuildRun} does the work, on a thread of its own in the instance that was asked); at most one runs at a
 * time, whichever instance was asked. {@code GET} shows the latest one.
 */
@ApplicationScoped
public class RebuildService {

    private final RebuildRepository repository;
    private final RebuildConfig config;
    private final EventInbox inbox;
    private final Map<String, Object> kafka;
    private final RebuildRun.Handlers handlers;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "insights-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RebuildRun current;

    public RebuildService(RebuildRepository repository, RebuildConfig config, EventInbox inbox,
            @Any Instance<EventConsumer> consumers, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.repository = repository;
        this.config = config;
        this.inbox = inbox;
        this.kafka = kafka;
        this.handlers = RebuildRun.Handlers.of(consumers.stream().map(EventConsumer::handlers).toList());
    }

    /** Starts a rebuild (409 problem {@code rebuild-running} while one runs). */
    public Uni<Rebuild> start(String requestedBy) {
        UUID id = UUID.randomUUID();
        return repository.start(id, requestedBy, Instant.now(), config.abandonedAfter())
                .map(started -> started.orElseThrow(() -> ProblemException.conflict("rebuild-running",
                        "a rebuild of the read models is running; follow it at GET /api/insights/rebuild")))
                .invoke(rebuild -> {
                    RebuildRun run = new RebuildRun(rebuild.id(), repository, config, inbox, handlers, kafka);
                    current = run;
                    runner.execute(run);
                });
    }

    /** The latest rebuild (404 problem when there has been none). */
    public Uni<Rebuild> latest() {
        return repository.latest(Instant.now(), config.abandonedAfter()).map(found -> found.orElseThrow(
                () -> new ProblemException(404, "not-found", "No rebuild yet",
                        "the read models have not been rebuilt; POST /api/insights/rebuild starts one")));
    }

    @PreDestroy
    void stop() {
        RebuildRun run = current;
        if (run != null) {
            run.stop();
        }
        runner.shutdownNow();
    }
}
