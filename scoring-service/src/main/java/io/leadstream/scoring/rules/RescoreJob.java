package io.leadstream.scoring.rules;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Re-scoring every stored lead in the background (after a rule change or a model promotion), with its progress. */
@Entity
@Table(name = "rescore_job")
public class RescoreJob extends PanacheEntityBase {

    public enum State {
        RUNNING, DONE, FAILED
    }

    @Id
    public UUID id;
    /** also the trigger of every score the job changes, e.g. rules-v3 */
    public String reason;
    @Enumerated(EnumType.STRING)
    public State state;
    public int total;
    public int done;
    public int changed;
    public UUID afterLead;
    public String startedBy;
    public Instant startedAt;
    public Instant finishedAt;
    public String error;
}
