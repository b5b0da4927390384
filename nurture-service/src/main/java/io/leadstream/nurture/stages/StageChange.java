package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One move of a lead through the pipeline (table {@code stage_change}), never changed once written: its opening on
 * the first assignment (from null, by nobody) and every move since, with the reason code and the mover's note (the
 * note stays here: events carry the reason code only).
 */
@Entity
@Table(name = "stage_change")
public class StageChange extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_stage")
    public Stage from;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_stage")
    public Stage to;
    public String reason;
    public String note;
    /** The mover's Keycloak username; null for a move nurture made itself (opening on assignment). */
    public String changedBy;
    public Instant changedAt;

    /** The lead was erased: the movers' notes about it go (a person's words); stages and reason codes stay. */
    public static io.smallrye.mutiny.Uni<Integer> forgetNotes(UUID leadId) {
        return StageChange.update("note = null where leadId = ?1 and note is not null", leadId);
    }

    /** The stage changes with these ids (one timeline page's), in no particular order. */
    public static io.smallrye.mutiny.Uni<java.util.List<StageChange>> byIds(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().item(java.util.List.of()) : list("id in ?1", ids);
    }

    /** Moves every stage change of {@code from} to {@code to} (a manual merge); answers how many. */
    static io.smallrye.mutiny.Uni<Integer> move(UUID from, UUID to) {
        return StageChange.update("leadId = ?1 where leadId = ?2", to, from);
    }

    static StageChange of(UUID leadId, Stage from, Stage to, String reason, String note, String changedBy,
            Instant changedAt) {
        StageChange change = new StageChange();
        change.id = UUID.randomUUID();
        change.leadId = leadId;
        change.from = from;
        change.to = to;
        change.reason = reason;
        change.note = note;
        change.changedBy = changedBy;
        change.changedAt = changedAt;
        return change;
    }
}
