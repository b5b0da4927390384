package io.leadstream.distribution.reps;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.leadstream.distribution.routing.RepProfile;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A sales rep who can be given leads. The id is the rep's Keycloak username. */
@Entity
@Table(name = "rep")
public class Rep extends PanacheEntityBase {

    @Id
    public String repId;
    public String displayName;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;

    /** What routing knows about the rep. */
    public RepProfile profile() {
        return new RepProfile(repId, null, active, null, null, null, null, null, null, null, null);
    }

    /** Every registered rep's profile, by rep id; in the caller's session. */
    public static Uni<List<RepProfile>> allProfiles() {
        return Rep.<Rep>listAll(Sort.by("repId")).map(reps -> reps.stream().map(Rep::profile).toList());
    }

    /** Every active rep, in rotation order (rep id, byte-wise). */
    public static Uni<List<Rep>> listActive() {
        return Rep.<Rep>list("active", Sort.by("repId"), true);
    }

    /** Up to {@code limit} reps after {@code afterRepId} (null: from the start), sorted by rep id. */
    public static Uni<List<Rep>> listAfter(String afterRepId, int limit) {
        var query = afterRepId == null ? Rep.<Rep>findAll(Sort.by("repId"))
                : Rep.<Rep>find("repId > ?1", Sort.by("repId"), afterRepId);
        return query.page(Page.ofSize(limit)).list();
    }
}
