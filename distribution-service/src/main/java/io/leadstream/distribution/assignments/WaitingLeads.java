package io.leadstream.distribution.assignments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Leads nobody was eligible for do not wait for their next lead.scored: every
 * {@code leadstream.distribution.waiting-retry} (1 minute) every waiting lead is routed again, so a lead that came
 * in at night goes to the first rep on duty in the morning, and one that waited for a free rep goes once there is
 * one. One batch per transaction, holding the routing lock like every other assignment.
 */
@ApplicationScoped
public class WaitingLeads {

    private final AssignmentService assignments;
    private final Clock clock;
    private final int batchSize;

    public WaitingLeads(AssignmentService assignments, Clock clock,
            @ConfigProperty(name = "leadstream.distribution.waiting-batch", defaultValue = "50") int batchSize) {
        this.assignments = assignments;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** How many waiting leads were looked at and how many of them now have a rep. */
    public record Result(int looked, int assigned) {
    }

    @Scheduled(every = "${leadstream.distribution.waiting-retry:60s}",
            delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return retry().invoke(r -> {
            if (r.assigned() > 0) {
                Log.infof("waiting leads: %d looked at, %d assigned", r.looked(), r.assigned());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "waiting leads pass failed; the next one starts over");
            return null;
        });
    }

    /** Every waiting lead routed again, a batch per transaction. */
    public Uni<Result> retry() {
        return batchAfter(null, new Result(0, 0));
    }

    private Uni<Result> batchAfter(UUID after, Result sofar) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> assignments.lockRouting()
                .chain(() -> Assignment.waitingAfter(after, batchSize))
                .chain(waiting -> Multi.createFrom().iterable(waiting)
                        .onItem().transformToUniAndConcatenate(a -> assignments.retryWaiting(a, now))
                        .collect().asList()
                        .map(done -> new Batch(waiting.isEmpty() ? null : waiting.get(waiting.size() - 1).leadId,
                                done.size(), (int) done.stream().filter(Boolean::booleanValue).count()))))
                .chain(batch -> {
                    Result total = new Result(sofar.looked() + batch.size(), sofar.assigned() + batch.assigned());
                    return batch.size() < batchSize ? Uni.createFrom().item(total) : batchAfter(batch.last(), total);
                });
    }

    private record Batch(UUID last, int size, int assigned) {
    }
}
