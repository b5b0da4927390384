package io.leadstream.scoring.scores;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.scoring.leads.LeadProfileRepository;
import io.leadstream.scoring.ruleset.RuleSetRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Engagement fades with time (the rules' half-life), but nothing happens to a lead while it fades; this scheduled
 * pass re-scores every lead with engagement signals and keeps (and announces) the new score where it moved by at
 * least the rules' {@code rescoreStep}. Batches of leads, each in its own transaction.
 */
@ApplicationScoped
public class DecayPass {

    private final LeadProfileRepository profiles;
    private final RuleSetRepository ruleSets;
    private final ScoringService scoring;
    private final int batchSize;

    public DecayPass(LeadProfileRepository profiles, RuleSetRepository ruleSets, ScoringService scoring,
            @ConfigProperty(name = "leadstream.scoring.decay.batch-size", defaultValue = "200") int batchSize) {
        this.profiles = profiles;
        this.ruleSets = ruleSets;
        this.scoring = scoring;
        this.batchSize = batchSize;
    }

    /** How many leads a pass looked at and how many scores it moved. */
    public record Result(int looked, int moved) {
        Result plus(Result other) {
            return new Result(looked + other.looked, moved + other.moved);
        }
    }

    @Scheduled(every = "${leadstream.scoring.decay.every:1h}", delayed = "${leadstream.scoring.decay.every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return run().invoke(r -> Log.infof("decay pass: %d engaged leads looked at, %d re-scored", r.looked(), r.moved()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf(failure, "decay pass failed; the next one starts over");
                    return null;
                });
    }

    /** One whole pass over the engaged leads. */
    public Uni<Result> run() {
        return batchAfter(null, new Result(0, 0));
    }

    private Uni<Result> batchAfter(UUID after, Result sofar) {
        return Panache.withTransaction(() -> ruleSets.current().chain(rules -> profiles.engagedAfter(after, batchSize)
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> scoring.decay(id, rules))
                        .collect().asList()
                        .map(results -> new Batch(ids.isEmpty() ? null : ids.get(ids.size() - 1), ids.size(),
                                (int) results.stream().filter(ScoringService.Rescored::moved).count())))))
                .chain(batch -> {
                    Result total = sofar.plus(new Result(batch.size(), batch.moved()));
                    return batch.size() < batchSize ? Uni.createFrom().item(total) : batchAfter(batch.last(), total);
                });
    }

    private record Batch(UUID last, int size, int moved) {
    }
}
