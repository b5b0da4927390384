package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * What the events said about one lead (no personal data). Written column group by column group with
 * upserts (LeadFactRepository), because a lead's events arrive on three topics in any order.
 */
@Entity
@Table(name = "lead_fact")
public class LeadFact extends PanacheEntityBase {

    @Id
    public UUID leadId;
    public String source;
    public Instant capturedAt;
    /** When the lead got its current score. */
    public Instant scoredAt;
    public Integer score;
    public String grade;
    /** The lead's first assignment: speed-to-lead is measured to it. */
    public Instant assignedAt;
    /** The rep who owns the lead now: of its latest lead.assigned, lead.claimed or lead.reassigned. */
    public String repId;
}
