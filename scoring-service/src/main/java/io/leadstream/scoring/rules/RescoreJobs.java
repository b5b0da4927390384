package io.leadstream.scoring.rules;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.leads.LeadProfileRepository;
import io.leadstream.scoring.ruleset.RuleSetRepository;
import io.leadstream.scoring.scores.ScoringService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Re-scores every stored lead in the background: a job is a row with its progress; a scheduled runner takes the
 * oldest running job a batch at a time (each batch in its own transaction, so progress survives a restart and
 * another replica can take over), and every lead whose score moves is announced like any other re-score.
 */
@ApplicationScoped
public class RescoreJobs {

    private final RescoreJobRepository jobs;
    private final LeadProfileRepository profiles;
    private final RuleSetRepository ruleSets;
    private final ScoringService scoring;
    private final int batchSize;

    public RescoreJobs(RescoreJobRepository jobs, LeadProfileRepository profiles, RuleSetRepository ruleSets,
            ScoringService scoring, @ConfigProperty(name = "leadstream.scoring.jobs.batch-size", defaultValue = "200")
            int batchSize) {
        this.jobs = jobs;
        this.profiles = profiles;
        this.ruleSets = ruleSets;
        this.scoring = scoring;
        this.batchSize = batchSize;
    }

    /** Starts a job in the caller's transaction; {@code reason} becomes the trigger of the scores it changes. */
    public Uni<RescoreJob> start(String reason, String startedBy) {
        return profiles.countScorable().chain(total -> {
            RescoreJob job = new RescoreJob();
            job.id = UUID.randomUUID();
            job.reason = reason;
            job.state = RescoreJob.State.RUNNING;
            job.total = total.intValue();
            job.startedBy = startedBy;
            job.startedAt = scoring.now();
            return jobs.persist(job);
        });
    }

    @WithSession
    public Uni<RescoreJob> find(UUID id) {
        return jobs.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("re-scoring job", id));
    }

    @Scheduled(every = "${leadstream.scoring.jobs.every:2s}", delayed = "${leadstream.scoring.jobs.every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return runBatch().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "re-scoring batch failed, will retry");
            return null;
        });
    }

    /** Runs one batch of the oldest running job; true when there was one. */
    public Uni<Boolean> runBatch() {
        return Panache.withTransaction(() -> jobs.claimRunning().chain(job -> job == null
                ? Uni.createFrom().item(false)
                : batch(job).replaceWith(true)));
    }

    private Uni<Void> batch(RescoreJob job) {
        return ruleSets.current().chain(rules -> profiles.scorableAfter(job.afterLead, batchSize).chain(batch -> {
            List<UUID> ids = batch.stream().map((LeadProfile p) -> p.leadId).toList();
            return Multi.createFrom().iterable(ids)
                    .onItem().transformToUniAndConcatenate(id -> scoring.rescore(id, job.reason, rules))
                    .collect().asList()
                    .invoke(results -> {
                        job.done += ids.size();
                        job.changed += (int) results.stream().filter(ScoringService.Rescored::moved).count();
                        if (!ids.isEmpty()) {
                            job.afterLead = ids.get(ids.size() - 1);
                        }
                        if (ids.size() < batchSize) {
                            job.state = RescoreJob.State.DONE;
                            job.finishedAt = scoring.now();
                            job.total = Math.max(job.total, job.done);
                            Log.infof("re-scoring job %s (%s) done: %d leads, %d changed", job.id, job.reason,
                                    job.done, job.changed);
                        }
                    });
        })).replaceWithVoid();
    }
}
