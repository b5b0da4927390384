package io.leadstream.scoring.enrichment;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A lead's credit check: DONE with the provider's rating, or PENDING until the provider answers. */
@Entity
@Table(name = "credit_check")
public class StoredCreditCheck extends PanacheEntityBase {

    public enum State {
        PENDING, DONE
    }

    @Id
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    public State state;
    public String rating;
    public int points;
    public String detail;
    public int attempts;
    public Instant checkedAt;
    public Instant nextAttemptAt;
}
