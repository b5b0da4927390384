package io.leadstream.scoring.scores;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Current scores and their history. */
@ApplicationScoped
public class ScoreRepository implements PanacheRepositoryBase<LeadScore, UUID> {

    public Uni<List<ScoreHistory>> history(UUID leadId) {
        return ScoreHistory.list("leadId", Sort.by("scoredAt").and("id"), leadId);
    }

    public Uni<Void> record(ScoreHistory entry) {
        return entry.persist().replaceWithVoid();
    }

    /** A merged-away lead's score is retired (its history stays, for the record). */
    public Uni<Void> retire(UUID leadId) {
        return deleteById(leadId).replaceWithVoid();
    }

    /** Erasure: the score and every past one. */
    public Uni<Void> erase(UUID leadId) {
        return ScoreHistory.delete("leadId", leadId).chain(() -> deleteById(leadId)).replaceWithVoid();
    }

    /** The current scores of these leads (simulations compare a draft against them). */
    public Uni<List<LeadScore>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("leadId in ?1", ids);
    }
}
