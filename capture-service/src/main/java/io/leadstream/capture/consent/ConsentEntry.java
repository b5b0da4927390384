package io.leadstream.capture.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.leadstream.capture.model.ConsentChannel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * One row of a lead's consent ledger: a grant or a withdrawal for one purpose and channel, with its proof.
 * Append-only: rows are only ever inserted (the database refuses UPDATE and DELETE, see V3__consent.sql).
 * {@code address} and {@code ipAddress} are personal data and never leave capture-service.
 */
@Entity
@Table(name = "consent_entry")
public class ConsentEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Order of recording, assigned by the database; the latest per purpose and channel is the current state. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    public UUID leadId;
    public String purpose;
    @Enumerated(EnumType.STRING)
    public ConsentChannel channel;
    @Enumerated(EnumType.STRING)
    public ConsentStatus status;
    public Instant capturedAt;
    public String method;
    public String textVersion;
    public String source;
    public String address;
    public String ipAddress;
    public Instant recordedAt;
    public String recordedBy;

    /**
     * The ledger of lead {@code leadId} with the entries of the leads merged into it (linked, never moved: the ledger
     * is append-only), in the order recorded.
     */
    public static Uni<List<ConsentEntry>> ledgerOf(UUID leadId) {
        return ConsentEntry.<ConsentEntry>list("leadId = ?1 or leadId in "
                + "(select l.id from Lead l where l.mergedInto = ?1) order by seq", leadId);
    }
}
