package io.leadstream.nurture.activities;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** The queries of {@code activity}; run in the caller's session (and transaction, for the writes). */
@ApplicationScoped
public class ActivityRepository implements PanacheRepositoryBase<Activity, UUID> {

    /** Up to {@code limit} activities of the lead, newest first, after {@code after} (null: from the newest). */
    public Uni<List<Activity>> page(UUID leadId, ActivityCursor after, int limit) {
        if (after == null) {
            return find("leadId = ?1 order by occurredAt desc, id desc", leadId).range(0, limit - 1).list();
        }
        return find("leadId = :lead and (occurredAt < :at or (occurredAt = :at and id < :id)) "
                + "order by occurredAt desc, id desc",
                Parameters.with("lead", leadId).and("at", after.occurredAt()).and("id", after.id()))
                .range(0, limit - 1).list();
    }

    /** The activities with these ids (one timeline page's), in no particular order. */
    public Uni<List<Activity>> byIds(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /** The activity a caller logged under an Idempotency-Key, or null. */
    public Uni<Activity> byIdempotencyKey(String scope, String key) {
        return find("idempotencyScope = ?1 and idempotencyKey = ?2", scope, key).firstResult();
    }

    /** Has this inquiry of capture's become an activity already? */
    public Uni<Boolean> hasInquiry(UUID inquiryId) {
        return count("inquiryId", inquiryId).map(n -> n > 0);
    }

    /** Deletes every activity of the lead (texts and subjects with them); answers how many. */
    public Uni<Long> deleteOfLead(UUID leadId) {
        return delete("leadId", leadId);
    }

    /** Moves every activity of {@code from} to {@code to}; answers how many. */
    public Uni<Integer> move(UUID from, UUID to) {
        return update("leadId = ?1 where leadId = ?2", to, from);
    }
}
