package io.leadstream.nurture.sequences;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A lead in a drip sequence (table {@code enrolment}): the step it sends next ({@code nextStep}, from 0) and when, the
 * failed tries of that step, and how it ended. Nothing personal: the messages it sent are {@code message} rows with
 * its sequence's id.
 */
@Entity
@Table(name = "enrolment")
public class Enrolment extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID leadId;
    public UUID sequenceId;
    @Enumerated(EnumType.STRING)
    public EnrolmentState state;
    public int nextStep;
    public Instant nextDueAt;
    public int attempts;
    public String lastError;
    public String enrolledBy;
    public Instant enrolledAt;
    public Instant endedAt;
    public String stopReason;

    /** Ends the enrolment: {@code reason} why (null when it completed its last step). */
    void end(EnrolmentState how, String reason, Instant at) {
        state = how;
        stopReason = reason;
        endedAt = at;
        nextDueAt = null;
    }
}
