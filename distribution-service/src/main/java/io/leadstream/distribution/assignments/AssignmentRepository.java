package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.distribution.routing.RepLoad;
import io.leadstream.distribution.routing.RepProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The assignment tables' queries that Panache's finders cannot express; in the caller's session. */
@ApplicationScoped
public class AssignmentRepository {

    static final String OPEN_LEADS = "select a.repId, count(a) from Assignment a where a.repId in :reps "
            + "and a.closedAt is null group by a.repId";
    static final String ASSIGNED_SINCE = "select e.repId, count(e) from AssignmentEntry e where e.repId in :reps "
            + "and e.kind in ('ASSIGNED', 'REASSIGNED', 'CLAIMED') and e.at >= :since group by e.repId";
    static final String CREATE_ROTATION = "insert into round_robin_cursor (rotation, last_rep_id, updated_at) "
            + "values (:rotation, null, :now) on conflict (rotation) do nothing";

    /**
     * Each rep's load: the leads they hold, and those given to them since the start of their day (in their working
     * hours' time zone, UTC without one). One query for the open leads, one per distinct start of day.
     */
    public Uni<Map<String, RepLoad>> loads(List<RepProfile> reps, Instant now) {
        if (reps.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = reps.stream().map(RepProfile::repId).toList();
        Map<Instant, List<String>> byDayStart = reps.stream().collect(Collectors.groupingBy(
                rep -> dayStart(rep, now), Collectors.mapping(RepProfile::repId, Collectors.toList())));
        return Panache.getSession().chain(session -> session.createSelectionQuery(OPEN_LEADS, Object[].class)
                .setParameter("reps", ids).getResultList()
                .chain(open -> {
                    Map<String, Integer> openByRep = counts(open);
                    Map<String, Integer> today = new HashMap<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (var day : byDayStart.entrySet()) {
                        chain = chain.chain(() -> session.createSelectionQuery(ASSIGNED_SINCE, Object[].class)
                                .setParameter("reps", day.getValue()).setParameter("since", day.getKey())
                                .getResultList().invoke(rows -> today.putAll(counts(rows))).replaceWithVoid());
                    }
                    return chain.map(ignored -> {
                        Map<String, RepLoad> loads = new HashMap<>();
                        ids.forEach(id -> loads.put(id, new RepLoad(openByRep.getOrDefault(id, 0),
                                today.getOrDefault(id, 0))));
                        return loads;
                    });
                }));
    }

    /** How many leads the rep claimed from queues since {@code since}. */
    public Uni<Long> claimsSince(String repId, Instant since) {
        return AssignmentEntry.count("repId = ?1 and kind = 'CLAIMED' and at >= ?2", repId, since);
    }

    /** A queue's waiting leads at a glance. */
    public record QueueSummary(String queue, long waiting, Instant oldest, int bestScore) {
    }

    /** Per queue with leads waiting: how many, the oldest queued time and the best score; by queue name. */
    public Uni<List<QueueSummary>> queues() {
        return Panache.getSession().chain(session -> session.createSelectionQuery("select q.queue, count(q), "
                + "min(q.queuedAt), max(q.score) from QueuedLead q group by q.queue order by q.queue", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new QueueSummary((String) r[0], ((Number) r[1]).longValue(),
                        (Instant) r[2], ((Number) r[3]).intValue())).toList());
    }

    /** Where every rotation stands: rotation key → the rep who got its last lead (absent: nobody yet). */
    public Uni<Map<String, String>> rotations() {
        return RoundRobinCursor.<RoundRobinCursor>listAll().map(all -> {
            Map<String, String> last = new HashMap<>();
            all.stream().filter(c -> c.lastRepId != null).forEach(c -> last.put(c.rotation, c.lastRepId));
            return last;
        });
    }

    /** Moves a rotation on to {@code repId}, creating it on its first lead. */
    public Uni<Void> advance(String rotation, String repId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CREATE_ROTATION)
                .setParameter("rotation", rotation).setParameter("now", now).executeUpdate())
                .chain(() -> RoundRobinCursor.<RoundRobinCursor>findById(rotation))
                .invoke(cursor -> {
                    cursor.lastRepId = repId;
                    cursor.updatedAt = now;
                })
                .replaceWithVoid();
    }

    /** The lead's assignment, its place in a queue and its history go (erasure, merge). */
    public Uni<Void> deleteAll(UUID leadId) {
        return Assignment.deleteById(leadId).chain(() -> QueuedLead.deleteById(leadId))
                .chain(() -> AssignmentEntry.delete("leadId", leadId)).replaceWithVoid();
    }

    /** When the rep's day began: midnight in their working hours' zone, UTC without one. */
    public static Instant dayStart(RepProfile rep, Instant now) {
        ZoneId zone = rep.workingHours() == null ? ZoneOffset.UTC : rep.workingHours().zone();
        return LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
    }

    private static Map<String, Integer> counts(List<Object[]> rows) {
        Map<String, Integer> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).intValue());
        }
        return counts;
    }

}
