package io.leadstream.capture.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The rep a lead is assigned to, copied from distribution-service's lead.assigned, lead.claimed and lead.reassigned
 * events. Used only to decide which leads a sales rep may see.
 */
@Entity
@Table(name = "lead_owner")
public class LeadOwner extends PanacheEntityBase {

    @Id
    public UUID leadId;
    /** the rep's Keycloak username */
    public String repId;
    /** since when the rep owns the lead: the event's assignedAt, claimedAt for a claim, reassignedAt for a reassignment */
    public Instant assignedAt;
}
