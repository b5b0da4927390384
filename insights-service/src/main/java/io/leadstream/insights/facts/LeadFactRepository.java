package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The {@code lead_fact} read model. Each event type upserts only its own columns (a lead's events arrive
 * on three topics in any order), inside the consumer's transaction (chassis event dispatcher). The figures
 * read it with their own queries (summary's {@code SummaryRepository}).
 */
@ApplicationScoped
public class LeadFactRepository {

    static final String CAPTURED = "insert into lead_fact (lead_id, source, captured_at) values (:leadId, :source, :at) "
            + "on conflict (lead_id) do update set source = excluded.source, captured_at = excluded.captured_at";
    static final String SCORED = "insert into lead_fact (lead_id, score, grade, scored_at) values (:leadId, :score, :grade, :at) "
            + "on conflict (lead_id) do update set score = excluded.score, grade = excluded.grade, scored_at = excluded.scored_at";
    /**
     * lead.assigned and lead.claimed (a claim is a first assignment): assigned_at stays the first assignment
     * (speed-to-lead); rep_id follows the latest one.
     */
    static final String ASSIGNED = "insert into lead_fact (lead_id, rep_id, assigned_at) values (:leadId, :repId, :at) "
            + "on conflict (lead_id) do update set rep_id = excluded.rep_id, "
            + "assigned_at = least(lead_fact.assigned_at, excluded.assigned_at)";

    /** rep_id only: a reassignment is not an assignment (assigned_at, speed-to-lead and the count stay). */
    static final String REASSIGNED = "insert into lead_fact (lead_id, rep_id) values (:leadId, :repId) "
            + "on conflict (lead_id) do update set rep_id = excluded.rep_id";

    public Uni<Void> captured(UUID leadId, String source, Instant capturedAt) {
        return upsert(CAPTURED, Map.of("leadId", leadId, "source", source, "at", capturedAt));
    }

    public Uni<Void> scored(UUID leadId, int score, String grade, Instant scoredAt) {
        return upsert(SCORED, Map.of("leadId", leadId, "score", score, "grade", grade, "at", scoredAt));
    }

    public Uni<Void> assigned(UUID leadId, String repId, Instant assignedAt) {
        return upsert(ASSIGNED, Map.of("leadId", leadId, "repId", repId, "at", assignedAt));
    }

    public Uni<Void> reassigned(UUID leadId, String repId) {
        return upsert(REASSIGNED, Map.of("leadId", leadId, "repId", repId));
    }

    /** In the caller's transaction (the consumer's, from the chassis event dispatcher). */
    private static Uni<Void> upsert(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
