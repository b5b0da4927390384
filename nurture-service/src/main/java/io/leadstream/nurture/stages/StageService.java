package io.leadstream.nurture.stages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Leads' stages: opened on first assignment (lead.assigned, or lead.claimed from a pull queue) and announced as
 * lead.stage-changed in the same transaction; a later assignment or a reassignment changes only the owner.
 */
@ApplicationScoped
public class StageService {

    private final Outbox outbox;

    public StageService(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Runs inside the consumer's transaction (chassis event dispatcher), as do {@link #claimed} and
     * {@link #reassigned}.
     */
    public Uni<Void> assigned(LeadAssignedEvent event) {
        if (event.leadId() == null || event.repId() == null || event.repId().isBlank()) {
            return Uni.createFrom().failure(new MalformedEventException("lead.assigned without leadId or repId"));
        }
        return owned(event.leadId(), event.repId(), event.assignedAt());
    }

    /**
     * A rep claimed the lead from a pull queue: its first assignment, as lead.assigned is for a pushed lead (a claimed
     * lead never gets one), so it is applied as one: the lead enters the pipeline at OPEN owned by the claimer since
     * {@code claimedAt}, and that is announced.
     */
    public Uni<Void> claimed(LeadClaimedEvent event) {
        if (event.leadId() == null || event.repId() == null || event.repId().isBlank()) {
            return Uni.createFrom().failure(new MalformedEventException("lead.claimed without leadId or repId"));
        }
        return owned(event.leadId(), event.repId(), event.claimedAt());
    }

    /**
     * The lead moved to another rep: the owner changes, its stage and since when it is there stay as they are (a
     * reassignment is not a stage change, so nothing is announced). A lead nurture does not know yet enters the
     * pipeline as on its first assignment.
     */
    public Uni<Void> reassigned(LeadReassignedEvent event) {
        if (event.leadId() == null || event.repId() == null || event.repId().isBlank()) {
            return Uni.createFrom().failure(new MalformedEventException("lead.reassigned without leadId or repId"));
        }
        return owned(event.leadId(), event.repId(), event.reassignedAt());
    }

    /** {@code repId} works the lead since {@code at} (distribution's time; null: now). */
    private Uni<Void> owned(UUID leadId, String repId, Instant at) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return LeadStage.<LeadStage>findById(leadId).chain(current -> switch (AssignmentDecision.of(current, repId)) {
            case OPEN -> open(leadId, repId, at, now);
            case CHANGE_OWNER -> changeOwner(current, repId, now);
            case NONE -> Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> open(UUID leadId, String repId, Instant at, Instant now) {
        LeadStage lead = new LeadStage();
        lead.leadId = leadId;
        lead.stage = Stage.OPEN;
        lead.owner = repId;
        // the lead is open since distribution assigned it (not since this event was processed)
        lead.stageSince = at == null ? now : at.truncatedTo(ChronoUnit.MICROS);
        lead.updatedAt = now;
        return lead.<LeadStage>persist()
                .chain(saved -> outbox.record(saved.leadId, new LeadStageChanged(
                        saved.leadId, null, saved.stage, saved.owner, "assigned to " + saved.owner, saved.stageSince)))
                .invoke(() -> Log.infof("opened lead %s for %s", lead.leadId, lead.owner))
                .replaceWithVoid();
    }

    private Uni<Void> changeOwner(LeadStage lead, String repId, Instant now) {
        String previous = lead.owner;
        lead.owner = repId;
        lead.updatedAt = now;
        return lead.<LeadStage>persist()
                .invoke(() -> Log.infof("lead %s now owned by %s (was %s), stays %s", lead.leadId, repId, previous,
                        lead.stage))
                .replaceWithVoid();
    }

    /** The lead's place in the pipeline; a 404 problem while nurture does not know it (not assigned yet). */
    @WithSession
    public Uni<LeadStage> find(UUID leadId) {
        return LeadStage.<LeadStage>findById(leadId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", leadId));
    }
}
