package io.leadstream.nurture.consent;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Where a lead's consent for one purpose on one channel stands (table {@code consent_state}). */
@Entity
@Table(name = "consent_state")
@IdClass(ConsentState.Key.class)
public class ConsentState extends PanacheEntityBase {

    @Id
    public UUID leadId;
    @Id
    public String purpose;
    @Id
    public String channel;
    /** GRANTED or WITHDRAWN */
    public String status;
    public String method;
    public Instant recordedAt;

    public record Key(UUID leadId, String purpose, String channel) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
