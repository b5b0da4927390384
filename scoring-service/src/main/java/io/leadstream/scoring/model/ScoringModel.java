package io.leadstream.scoring.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A trained predictive model, one row per version: SHADOW (its score is recorded next to the real one, never used),
 * ACTIVE (its points count in every score) or RETIRED. At most one of each of the first two (unique partial indexes).
 * A version's model and figures never change after training; only its state does.
 */
@Entity
@Table(name = "scoring_model")
public class ScoringModel extends PanacheEntityBase {

    public enum State {
        SHADOW, ACTIVE, RETIRED
    }

    @Id
    public Integer version;
    @Enumerated(EnumType.STRING)
    public State state;
    @JdbcTypeCode(SqlTypes.JSON)
    public TrainedModel model;
    /** measured on the held-out outcomes */
    @JdbcTypeCode(SqlTypes.JSON)
    public ModelQuality quality;
    /** won and lost outcomes it learned from and was measured on, together */
    public int won;
    public int lost;
    public int trainingSize;
    public int heldOutSize;
    public String trainedBy;
    public Instant trainedAt;
    public String promotedBy;
    public Instant promotedAt;

    /** A new shadow model from a training. */
    static ScoringModel shadow(int version, Training training, int won, int lost, String by, Instant at) {
        ScoringModel m = new ScoringModel();
        m.version = version;
        m.state = State.SHADOW;
        m.model = training.model();
        m.quality = training.quality();
        m.won = won;
        m.lost = lost;
        m.trainingSize = training.trainingSize();
        m.heldOutSize = training.heldOutSize();
        m.trainedBy = by;
        m.trainedAt = at;
        return m;
    }

    /** How scores name the model: {@code model-v2} (shadow_model, and the part after '+' in a score's modelVersion). */
    public String label() {
        return label(version);
    }

    public static String label(int version) {
        return "model-v" + version;
    }
}
