package io.leadstream.scoring.leads;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.leadstream.scoring.engine.Signal;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One stored engagement signal of a lead. */
@Entity
@Table(name = "engagement_signal")
public class EngagementSignal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    public Signal.Kind kind;
    public String detail;
    public Instant occurredAt;

    public static EngagementSignal of(UUID leadId, Signal.Kind kind, String detail, Instant at) {
        EngagementSignal s = new EngagementSignal();
        s.leadId = leadId;
        s.kind = kind;
        s.detail = detail;
        s.occurredAt = at;
        return s;
    }

    public Signal signal() {
        return new Signal(kind, detail, occurredAt);
    }
}
