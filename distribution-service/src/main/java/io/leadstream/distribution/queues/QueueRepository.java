package io.leadstream.distribution.queues;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.distribution.assignments.QueuedLead;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The claim's SQL: the best waiting leads of a queue that no other claim holds, locked for the caller. */
@ApplicationScoped
public class QueueRepository {

    /** One row at a time: a claim locks only the leads it looks at, so concurrent claimers each find another. */
    static final String NEXT_CLAIMABLE = "select * from queued_lead where queue = :queue and lead_id <> all(:passed) "
            + "order by score desc, queued_at, lead_id limit 1 for update skip locked";

    /**
     * The queue's best lead that no concurrent claim holds and that is not among {@code passed} (those this claim
     * already looked at and left), locked until the caller's transaction ends; null when there is none.
     */
    public Uni<QueuedLead> nextClaimable(String queue, List<UUID> passed) {
        return Panache.getSession().chain(session -> session.createNativeQuery(NEXT_CLAIMABLE, QueuedLead.class)
                .setParameter("queue", queue).setParameter("passed", passed.toArray(UUID[]::new)).getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }
}
