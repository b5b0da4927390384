package io.leadstream.distribution.reps;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The {@code rep} table's SQL that Panache's finders on {@link Rep} cannot express. */
@ApplicationScoped
public class RepRepository {

    /** Creates the rep unless it exists, atomically: two concurrent PUTs of a new rep never collide. */
    static final String INSERT_IF_ABSENT = "insert into rep (rep_id, display_name, active, created_at, updated_at) "
            + "values (:repId, :displayName, :active, :now, :now) on conflict (rep_id) do nothing";

    /** In the caller's transaction: true when the rep was created, false when it existed already (left as it was). */
    public Uni<Boolean> insertIfAbsent(String repId, String displayName, boolean active, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                        .setParameter("repId", repId)
                        .setParameter("displayName", displayName)
                        .setParameter("active", active)
                        .setParameter("now", now)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
