package io.leadstream.insights.rollups;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Every few seconds ({@code leadstream.insights.rollups.every}, default 5s) recomputes the days marked dirty since the
 * last pass (of the leads' rollups, then of the stays'), {@code leadstream.insights.rollups.batch-days} days per
 * transaction until none is left. Until it has, those days are read from the facts: exact, only slower.
 */
@ApplicationScoped
public class RollupPass {

    private final RollupRepository repository;
    private final int batchDays;

    public RollupPass(RollupRepository repository,
            @ConfigProperty(name = "leadstream.insights.rollups.batch-days", defaultValue = "20") int batchDays) {
        this.repository = repository;
        this.batchDays = batchDays;
    }

    @Scheduled(every = "${leadstream.insights.rollups.every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return run().invoke(n -> {
            if (n > 0) {
                Log.debugf("rollups: %d days recomputed", n);
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "rollup pass failed; the days stay dirty (read from the facts) until the next one");
            return null;
        });
    }

    /**
     * Recomputes every dirty day of the leads' rollups, then of the stays' rollups; how many days in all (0 when
     * another instance holds the pass).
     */
    public Uni<Integer> run() {
        return batches(RollupRepository.CAPTURES, 0).chain(captures -> batches(RollupRepository.STAYS, captures));
    }

    private Uni<Integer> batches(RollupRepository.Family family, int sofar) {
        return repository.recompute(family, batchDays).chain((List<LocalDate> days) -> days.size() < batchDays
                ? Uni.createFrom().item(sofar + days.size())
                : batches(family, sofar + days.size()));
    }
}
