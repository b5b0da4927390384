package io.leadstream.scoring.scores;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The current score of a lead and why it has it. */
@Entity
@Table(name = "lead_score")
public class LeadScore extends PanacheEntityBase {

    @Id
    public UUID leadId;
    public int score;
    public String grade;
    public int fit;
    public int engagement;
    public int dataQuality;
    /** Stored as a jsonb object: Hibernate Reactive maps JSON columns to objects, not top-level arrays. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Reasons reasons;
    public String modelVersion;
    public String triggerEvent;
    public Instant scoredAt;

    public record Reasons(List<Reason> items) {
    }

    /** One contribution to a score: a stable code, its points, and a sentence a person can read. */
    public record Reason(String code, int points, String detail) {
    }
}
