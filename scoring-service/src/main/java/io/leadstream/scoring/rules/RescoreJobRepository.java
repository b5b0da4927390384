package io.leadstream.scoring.rules;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Re-scoring jobs; a runner claims the oldest running one so replicas never work on one job at once. */
@ApplicationScoped
public class RescoreJobRepository implements PanacheRepositoryBase<RescoreJob, UUID> {

    /** SKIP LOCKED in Hibernate's terms. */
    static final int SKIP_LOCKED = -2;

    /** The oldest running job nobody else holds, locked until the caller's transaction ends; null when none. */
    public Uni<RescoreJob> claimRunning() {
        return find("state", Sort.by("startedAt"), RescoreJob.State.RUNNING)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .firstResult();
    }
}
