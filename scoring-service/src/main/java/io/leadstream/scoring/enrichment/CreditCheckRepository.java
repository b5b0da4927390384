package io.leadstream.scoring.enrichment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Stored credit checks. */
@ApplicationScoped
public class CreditCheckRepository implements PanacheRepositoryBase<StoredCreditCheck, UUID> {

    /** Pending checks whose next attempt is due, oldest first. */
    public Uni<List<StoredCreditCheck>> pendingDue(Instant now, int limit) {
        return find("state = ?1 and nextAttemptAt <= ?2", Sort.by("nextAttemptAt"), StoredCreditCheck.State.PENDING, now)
                .page(0, limit).list();
    }

    public Uni<Void> erase(UUID leadId) {
        return deleteById(leadId).replaceWithVoid();
    }
}
