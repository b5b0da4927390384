package io.leadstream.nurture.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * One thing nurture learned about a lead from distribution's or scoring's events (table {@code lead_history}), for the
 * lead's timeline: never changed once written, moved to the survivor when the lead is merged. Ids, codes and numbers
 * only, as the events carry them.
 */
@Entity
@Table(name = "lead_history")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    public HistoryKind kind;
    /** When it happened, by the producing service's clock (not when nurture heard of it). */
    public Instant occurredAt;
    public String repId;
    public String previousRepId;
    public String partnerId;
    public String queue;
    public String strategy;
    public String trigger;
    public String reason;
    public String step;
    public String detail;
    public Integer score;
    public String grade;
    public Boolean qualified;
    public String modelVersion;
    public Instant recordedAt;

    /** The entries with these ids (one timeline page's), in no particular order. */
    public static Uni<List<HistoryEntry>> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /** Moves every entry of {@code from} to {@code to} (a manual merge); answers how many. */
    static Uni<Integer> move(UUID from, UUID to) {
        return update("leadId = ?1 where leadId = ?2", to, from);
    }

    static HistoryEntry of(UUID leadId, HistoryKind kind, Instant occurredAt) {
        HistoryEntry entry = new HistoryEntry();
        entry.id = UUID.randomUUID();
        entry.leadId = leadId;
        entry.kind = kind;
        entry.occurredAt = occurredAt;
        return entry;
    }
}
