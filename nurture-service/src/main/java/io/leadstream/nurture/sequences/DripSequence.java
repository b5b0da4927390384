package io.leadstream.nurture.sequences;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.nurture.stages.Stage;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A drip sequence (table {@code drip_sequence}): its steps, the consent purpose its messages are for, when it enrols a
 * lead by itself (entering {@code enrolOnStage}; scoring qualifying the lead) and the stages that end a lead's
 * enrolment. Not changed once created: an enrolment sends the steps the sequence had when it was made.
 */
@Entity
@Table(name = "drip_sequence")
public class DripSequence extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String purpose;
    @Enumerated(EnumType.STRING)
    public Stage enrolOnStage;
    public boolean enrolOnQualified;
    public String[] stopOnStages = new String[0];
    /** As JSON {@code {"items":[…]}} (Hibernate Reactive reads a JSON column into an object, not an array). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Steps steps;
    public String createdBy;
    public Instant createdAt;

    /** The steps, in order. */
    public record Steps(List<Step> items) {
    }

    /** Whether a lead entering {@code stage} leaves this sequence. */
    public boolean stopsAt(Stage stage) {
        return stage != null && Arrays.asList(stopOnStages).contains(stage.name());
    }

    /** Whether one of the steps goes out through the channel consent names {@code consentChannel} (email, sms, ...). */
    public boolean sendsBy(String consentChannel) {
        return steps.items().stream().anyMatch(s -> s.channel().consentName().equals(consentChannel));
    }
}
