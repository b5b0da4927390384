package io.leadstream.distribution.shares;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A lead offered to a partner company (table {@code partner_share}): which facts the partner sees, until when it may
 * accept, and how it ended. At most one share of a lead is open (offered or accepted) at a time.
 */
@Entity
@Table(name = "partner_share")
public class PartnerShare extends PanacheEntityBase {

    public enum State {
        /** waiting for the partner's answer until the deadline */
        OFFERED,
        /** the partner took the lead: it sees the contact details and works it */
        ACCEPTED,
        /** the partner said no; the lead was routed again without it */
        DECLINED,
        /** taken back: the deadline passed unanswered, a manager reassigned the lead, or it was merged */
        RECALLED
    }

    /** Why a share closed without the partner working the lead (as lead.recalled says). */
    public enum CloseReason {
        DECLINED, DEADLINE, REASSIGNED, MERGED
    }

    @Id
    public UUID shareId;
    public UUID leadId;
    public String partnerId;
    public String state;
    /** Stored as a jsonb object: Hibernate Reactive maps JSON columns to objects, not top-level arrays. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Fields fields;
    public String note;
    public String ruleName;
    public String sharedBy;
    public Instant sharedAt;
    public Instant deadline;
    public Instant answeredAt;
    public String closeReason;
    public String declineNote;

    public record Fields(List<String> items) {
        public Fields {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    public State state() {
        return State.valueOf(state);
    }

    public boolean open() {
        return state() == State.OFFERED || state() == State.ACCEPTED;
    }
}
