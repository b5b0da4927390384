package io.leadstream.capture.forms;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * A double opt-in confirmation email sent for a form submission: the token's SHA-256 (never the token), the
 * consent it will record, when it expires and when it was used (once). {@code address} is personal data.
 */
@Entity
@Table(name = "form_confirmation")
public class FormConfirmation extends PanacheEntityBase {

    @Id
    public String tokenHash;
    public String formKey;
    public UUID leadId;
    public String purpose;
    public String textVersion;
    public String address;
    public Instant requestedAt;
    public Instant expiresAt;
    public Instant confirmedAt;

    /** The confirmation with this token hash on this form, row-locked, or null. */
    public static Uni<FormConfirmation> locked(String tokenHash, String formKey) {
        return FormConfirmation.<FormConfirmation>find("tokenHash = ?1 and formKey = ?2", tokenHash, formKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
