package io.leadstream.scoring.leads;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.scoring.engine.LeadAttributes;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * What scoring learned of a lead from events (never personal data): capture's attributes, the rep it is assigned
 * to, its pipeline stage and outcome, and whether it was merged into another lead.
 */
@Entity
@Table(name = "lead_profile")
// each event sets only its own columns (capture the attributes, distribution the owner, nurture the stage and outcome):
// updating only what changed keeps two consumers of different topics from overwriting each other's columns
@DynamicUpdate
public class LeadProfile extends PanacheEntityBase {

    public enum Outcome {
        WON, LOST
    }

    @Id
    public UUID leadId;
    /** null until capture's lead.captured (or lead.updated) arrived */
    @JdbcTypeCode(SqlTypes.JSON)
    public LeadAttributes attributes;
    public String owner;
    public String stage;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Outcome outcome;
    public Instant outcomeAt;
    public UUID mergedInto;
    public Instant updatedAt;

    public static LeadProfile of(UUID leadId) {
        LeadProfile p = new LeadProfile();
        p.leadId = leadId;
        return p;
    }

    public boolean scorable() {
        return attributes != null && mergedInto == null;
    }
}
