package io.leadstream.nurture.timeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.nurture.activities.ActivityCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * One page of a lead's timeline across the tables that hold its records: which record, of which source table, and
 * when, in time order (ties broken by id, so pages are stable). The records themselves are read by their own
 * features' finders. Runs in the caller's session.
 */
@ApplicationScoped
public class TimelineRepository {

    /** Where a timeline entry's record lives, and when it happened. */
    public record Ref(Source source, UUID id, Instant at) {
    }

    /** The tables a timeline is made of. */
    public enum Source {
        ACTIVITY, STAGE_CHANGE, HISTORY, FOLLOW_UP
    }

    private static final String ENTRIES = """
            select source, id, at from (
                select 'ACTIVITY' as source, id, occurred_at as at from activity where lead_id = :lead
                union all
                select 'STAGE_CHANGE', id, changed_at from stage_change where lead_id = :lead
                union all
                select 'HISTORY', id, occurred_at from lead_history where lead_id = :lead
                union all
                select 'FOLLOW_UP', id, created_at from follow_up where lead_id = :lead
            ) entries
            """;

    /**
     * Up to {@code limit} entries of the lead, newest first ({@code newestFirst}) or oldest first, after
     * {@code after} (null: from the start).
     */
    public Uni<List<Ref>> page(UUID leadId, boolean newestFirst, ActivityCursor after, int limit) {
        String direction = newestFirst ? "desc" : "asc";
        String where = after == null ? "" : newestFirst ? " where (at, id) < (:at, :after) " : " where (at, id) > (:at, :after) ";
        String sql = ENTRIES + where + " order by at " + direction + ", id " + direction + " limit :limit";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class)
                    .setParameter("lead", leadId)
                    .setParameter("limit", limit);
            if (after != null) {
                query.setParameter("at", after.occurredAt().atOffset(java.time.ZoneOffset.UTC))
                        .setParameter("after", after.id());
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(TimelineRepository::ref).toList());
    }

    private static Ref ref(Object[] row) {
        Object at = row[2];
        Instant instant = at instanceof OffsetDateTime odt ? odt.toInstant()
                : at instanceof Instant i ? i : ((java.sql.Timestamp) at).toInstant();
        return new Ref(Source.valueOf((String) row[0]), (UUID) row[1], instant);
    }
}
