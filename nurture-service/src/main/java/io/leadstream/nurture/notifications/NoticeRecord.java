package io.leadstream.nurture.notifications;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A notice as kept (table {@code notice}): what to tell whom, and how its email went. */
@Entity
@Table(name = "notice")
public class NoticeRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID leadId;
    /** The Keycloak username told. */
    public String recipient;
    @Enumerated(EnumType.STRING)
    public NoticeKind kind;
    /** The event's own time. */
    public Instant occurredAt;
    public String otherRep;
    public String slaKind;
    public Instant createdAt;
    /** When the SMTP server took the email; null until then. */
    public Instant mailedAt;
    public int tries;
    public String lastError;

    public Notice notice() {
        return new Notice(leadId, recipient, kind, occurredAt, otherRep, slaKind);
    }
}
