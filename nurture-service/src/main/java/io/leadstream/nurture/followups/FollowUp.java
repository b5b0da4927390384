package io.leadstream.nurture.followups;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A follow-up a rep must do on a lead: due at an instant, given in a time zone; the note before and the outcome after
 * stay in nurture's database (follow-up events carry neither).
 */
@Entity
@Table(name = "follow_up")
public class FollowUp extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID leadId;
    /** The rep's Keycloak username: who must follow up (the lead's owner when it was scheduled, unless a manager chose). */
    public String owner;
    public Instant dueAt;
    /** The IANA time zone the due time was given in. */
    public String timeZone;
    public String note;
    public String createdBy;
    public Instant createdAt;
    public Instant completedAt;
    public String completedBy;
    public String outcome;
    /** When follow-up.due was recorded (once). */
    public Instant remindedAt;
    /** When the reminder email reached the SMTP server. */
    public Instant reminderMailedAt;
    public int reminderMailTries;

    /** The due time on the wall clock of {@link #timeZone}. */
    public LocalDateTime dueLocal() {
        return LocalDateTime.ofInstant(dueAt, ZoneId.of(timeZone));
    }

    public FollowUpState state(Instant now) {
        return FollowUpState.of(dueAt, completedAt, now);
    }
}
