package io.leadstream.distribution.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.Rep;
import io.leadstream.distribution.rest.RepPage;
import io.leadstream.distribution.rest.RepRequest;
import io.leadstream.distribution.rest.RepView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Registering and reading sales reps. */
@ApplicationScoped
public class RepService {

    /** Creates the rep unless it exists, atomically: two concurrent PUTs of a new rep never collide. */
    static final String INSERT_IF_ABSENT = "insert into rep (rep_id, display_name, active, created_at, updated_at) "
            + "values (:repId, :displayName, :active, :now, :now) on conflict (rep_id) do nothing";

    /** The rep as stored, and whether this call created it. */
    public record Upserted(RepView rep, boolean created) {
    }

    /** Creates or updates the rep; an unchanged rep keeps its {@code updatedAt} (repeating a PUT changes nothing). */
    @WithTransaction
    public Uni<Upserted> upsert(String repId, RepRequest request) {
        String displayName = request.displayName().strip();
        boolean active = request.active() == null || request.active();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                        .setParameter("repId", repId)
                        .setParameter("displayName", displayName)
                        .setParameter("active", active)
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(inserted -> Rep.<Rep>findById(repId, LockModeType.PESSIMISTIC_WRITE).map(rep -> {
                    boolean created = inserted == 1;
                    if (!created && (!rep.displayName.equals(displayName) || rep.active != active)) {
                        rep.displayName = displayName;
                        rep.active = active;
                        rep.updatedAt = now;
                        Log.infof("updated rep %s (active: %s)", repId, active);
                    } else if (created) {
                        Log.infof("registered rep %s (active: %s)", repId, active);
                    }
                    return new Upserted(RepView.of(rep), created);
                }));
    }

    @WithSession
    public Uni<RepView> find(String repId) {
        return Rep.<Rep>findById(repId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("rep", repId))
                .map(RepView::of);
    }

    /** A page of reps sorted by id, after {@code cursor} (the last rep id of the previous page). */
    @WithSession
    public Uni<RepPage> list(String cursor, int limit) {
        return Rep.listAfter(cursor, limit + 1).map(reps -> {
            List<RepView> items = reps.stream().limit(limit).map(RepView::of).toList();
            String next = reps.size() > limit ? items.get(items.size() - 1).repId() : null;
            return new RepPage(items, next);
        });
    }
}
