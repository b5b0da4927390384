package io.leadstream.scoring.leads;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.scoring.engine.Signal;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Profiles and engagement signals: every query scoring runs on what it learned of leads. */
@ApplicationScoped
public class LeadProfileRepository implements PanacheRepositoryBase<LeadProfile, UUID> {

    /** The lead's profile, created (not yet stored) when scoring has not heard of it. */
    public Uni<LeadProfile> findOrNew(UUID leadId) {
        return findById(leadId).map(p -> p != null ? p : LeadProfile.of(leadId));
    }

    public Uni<List<Signal>> signals(UUID leadId) {
        return EngagementSignal.<EngagementSignal>list("leadId", Sort.by("occurredAt"), leadId)
                .map(list -> list.stream().map(EngagementSignal::signal).toList());
    }

    public Uni<Void> addSignal(EngagementSignal signal) {
        return signal.persist().replaceWithVoid();
    }

    /** A manual merge: the merged lead's engagement now counts for the survivor. */
    public Uni<Integer> moveSignals(UUID from, UUID to) {
        return EngagementSignal.update("leadId = ?1 where leadId = ?2", to, from);
    }

    /** Erasure: everything scoring learned of the lead. */
    public Uni<Void> erase(UUID leadId) {
        return EngagementSignal.delete("leadId", leadId).chain(() -> delete("leadId", leadId)).replaceWithVoid();
    }

    /** Leads with a known outcome, for training the predictive model. */
    public Uni<List<LeadProfile>> withOutcome() {
        return list("outcome is not null and attributes is not null and mergedInto is null");
    }

    /** Scorable leads in id order after {@code after} (keyset paging for re-scoring jobs and simulations). */
    public Uni<List<LeadProfile>> scorableAfter(UUID after, int limit) {
        String where = "attributes is not null and mergedInto is null";
        return (after == null ? find(where, Sort.by("leadId")) : find(where + " and leadId > ?1", Sort.by("leadId"), after))
                .page(0, limit).list();
    }

    public Uni<Long> countScorable() {
        return count("attributes is not null and mergedInto is null");
    }

    /** Leads with engagement signals, in id order after {@code after} (the decay pass: only they can decay). */
    public Uni<List<UUID>> engagedAfter(UUID after, int limit) {
        String select = "select distinct s.leadId from EngagementSignal s";
        return (after == null
                ? getSession().chain(s -> s.createSelectionQuery(select + " order by s.leadId", UUID.class)
                        .setMaxResults(limit).getResultList())
                : getSession().chain(s -> s.createSelectionQuery(select + " where s.leadId > :after order by s.leadId",
                        UUID.class).setParameter("after", after).setMaxResults(limit).getResultList()));
    }
}
