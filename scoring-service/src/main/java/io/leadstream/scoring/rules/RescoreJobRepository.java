package io.leadstream.scoring.rules;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Re-scoring jobs; a runner claims the oldest running one so replicas never work on one job at once. */
@ApplicationScoped
public class RescoreJobRepository implements PanacheRepositoryBase<RescoreJob, UUID> {

    static final String CLAIM = "select * from rescore_job where state = 'RUNNING' order by started_at limit 1 "
            + "for update skip locked";

    /** The oldest running job nobody else holds, locked until the caller's transaction ends; null when none. */
    public Uni<RescoreJob> claimRunning() {
        return getSession().chain(session -> session.createNativeQuery(CLAIM, RescoreJob.class).getResultList())
                .map(jobs -> jobs.isEmpty() ? null : jobs.get(0));
    }
}
