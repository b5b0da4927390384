package io.leadstream.scoring.scores;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One change of a lead's score, with what caused it (and a note, e.g. when it fell below the threshold). */
@Entity
@Table(name = "score_history")
public class ScoreHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID leadId;
    public int score;
    public String grade;
    public int fit;
    public int engagement;
    public int dataQuality;
    public int model;
    public boolean qualified;
    @JdbcTypeCode(SqlTypes.JSON)
    public LeadScore.Reasons reasons;
    public String modelVersion;
    public String triggerEvent;
    public String note;
    public Instant scoredAt;

    static ScoreHistory of(LeadScore s, String note) {
        ScoreHistory h = new ScoreHistory();
        h.leadId = s.leadId;
        h.score = s.score;
        h.grade = s.grade;
        h.fit = s.fit;
        h.engagement = s.engagement;
        h.dataQuality = s.dataQuality;
        h.model = s.model;
        h.qualified = s.qualified;
        h.reasons = s.reasons;
        h.modelVersion = s.modelVersion;
        h.triggerEvent = s.triggerEvent;
        h.note = note;
        h.scoredAt = s.scoredAt;
        return h;
    }
}
