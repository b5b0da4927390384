package io.leadstream.distribution.assignments;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Where a round-robin rotation stands: the rep who got its last lead (null: nobody yet). */
@Entity
@Table(name = "round_robin_cursor")
public class RoundRobinCursor extends PanacheEntityBase {

    /** The one rotation until teams and rules arrive: every active rep. Seeded by the V1 migration. */
    public static final String ALL_REPS = "all-reps";

    @Id
    public String rotation;
    public String lastRepId;
    public Instant updatedAt;
}
