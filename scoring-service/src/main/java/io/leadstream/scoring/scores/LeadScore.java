package io.leadstream.scoring.scores;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.scoring.engine.Reason;
import io.leadstream.scoring.engine.ScoreCard;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The current score of a lead, why it has it, whether it is qualified, and what the shadow model would give. */
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
    public int model;
    /** Stored as a jsonb object: Hibernate Reactive maps JSON columns to objects, not top-level arrays. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Reasons reasons;
    public String modelVersion;
    public int rulesVersion;
    public String triggerEvent;
    public boolean qualified;
    public Instant qualifiedAt;
    public Integer shadowScore;
    public String shadowModel;
    public Instant scoredAt;

    public record Reasons(List<Reason> items) {
    }

    void apply(ScoreCard card) {
        score = card.score();
        grade = card.grade();
        fit = card.fit();
        engagement = card.engagement();
        dataQuality = card.dataQuality();
        model = card.model();
        reasons = new Reasons(card.reasons());
    }
}
