package io.leadstream.nurture.stages;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Leads' stages: opened on first assignment (lead.assigned, or lead.claimed from a pull queue) and announced as
 * lead.stage-changed in the same transaction; a later assignment or a reassignment changes only the owner, a share
 * with a partner company leaves the lead without one. Reps and managers move a lead through the pipeline as
 * {@link StageMachine} allows; each move is a {@link StageChange} row and a lead.stage-changed event, in one
 * transaction. A rep sees and moves only the leads they own; managers and admins all.
 */
@ApplicationScoped
public class StageService {

    /** The longest note a move may carry. */
    static final int MAX_NOTE = 2000;

    private final Outbox outbox;
    private final StageMachine machine;
    private final Clock clock;

    private final Instance<StageListener> listeners;

    public StageService(Outbox outbox, StageConfig config, Clock clock, @Any Instance<StageListener> listeners) {
        this.listeners = listeners;
        this.outbox = outbox;
        this.machine = new StageMachine(config.unqualifiedReasons(), config.moveReasons());
        this.clock = clock;
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

    /**
     * The lead was erased (capture's lead.erased, through the consumer of capture's topic): the notes movers wrote about
     * it go; its stage and the reason codes of its moves hold nothing personal and stay (insights counts them). Runs in
     * the consumer's transaction.
     */
    public Uni<Void> erased(UUID leadId) {
        return StageChange.forgetNotes(leadId)
                .invoke(n -> Log.infof("lead %s erased: %d stage notes forgotten", leadId, n)).replaceWithVoid();
    }

    /**
     * A manager merged lead {@code merged} into {@code survivor} (capture's MANUAL lead.merged; runs in the consumer's
     * transaction): the merged lead leaves the pipeline and its stage history becomes part of the survivor's. The
     * survivor keeps its own stage, unless it is still {@code OPEN} (or nurture does not know it yet) while the merged
     * lead had been worked further: then the survivor takes the merged lead's stage (and, when it had none, its owner),
     * as a stage change with reason {@code merged from lead <id>} announced as lead.stage-changed. The rep who kept
     * the survivor arrives as distribution's lead.assigned, in whichever order.
     */
    public Uni<Void> merged(UUID survivor, UUID merged) {
        if (survivor == null || merged == null || survivor.equals(merged)) {
            return Uni.createFrom().voidItem();
        }
        Instant now = now();
        return StageChange.move(merged, survivor)
                .chain(() -> LeadStage.<LeadStage>findById(merged))
                .chain(gone -> gone == null ? Uni.createFrom().voidItem()
                        : LeadStage.<LeadStage>findById(survivor).chain(kept -> fold(survivor, gone, kept, now))
                                .call(() -> gone.delete()));
    }

    private Uni<Void> fold(UUID survivor, LeadStage gone, LeadStage kept, Instant now) {
        boolean takesOver = kept == null || (kept.stage == Stage.OPEN && gone.stage != Stage.OPEN
                && gone.stage != Stage.UNQUALIFIED);
        if (!takesOver) {
            Log.infof("lead %s merged into %s: the survivor stays %s (the merged lead was %s)", gone.leadId,
                    survivor, kept.stage, gone.stage);
            return Uni.createFrom().voidItem();
        }
        LeadStage lead = kept != null ? kept : new LeadStage();
        Stage from = kept == null ? null : kept.stage;
        lead.leadId = survivor;
        lead.stage = gone.stage;
        lead.owner = kept == null || kept.owner == null ? gone.owner : kept.owner;
        lead.stageSince = now;
        lead.updatedAt = now;
        String reason = "merged from lead " + gone.leadId;
        return lead.<LeadStage>persist()
                .call(saved -> StageChange.of(survivor, from, saved.stage, reason, null, null, now).persist())
                .call(saved -> announce(new LeadStageChanged(survivor, from, saved.stage, saved.owner, reason, null,
                        now)))
                .invoke(saved -> Log.infof("lead %s merged into %s: the survivor takes its stage %s (was %s)",
                        gone.leadId, survivor, saved.stage, from))
                .replaceWithVoid();
    }

    /**
     * The lead was offered to a partner company: no rep of ours works it from now on, so the rep who had it no longer
     * sees it (its stage stays; the lead gets an owner again with the assignment that follows a recall). distribution
     * publishes a lead's events in order on one partition, so a share is never older than the owner it removes. A
     * lead nurture does not know (shared before any assignment) is not in the pipeline and stays out of it.
     */
    public Uni<Void> shared(LeadSharedEvent event) {
        if (event.leadId() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.shared without leadId"));
        }
        return LeadStage.<LeadStage>findById(event.leadId()).chain(lead -> {
            if (lead == null || lead.owner == null) {
                return Uni.createFrom().voidItem();
            }
            String previous = lead.owner;
            lead.owner = null;
            lead.updatedAt = now();
            return lead.<LeadStage>persist()
                    .invoke(() -> Log.infof("lead %s shared with a partner; %s no longer owns it", lead.leadId, previous))
                    .replaceWithVoid();
        });
    }

    /**
     * Moves the lead as {@code move} asks, when {@link StageMachine} allows it for {@code mover}: the stage (since now),
     * a {@link StageChange} and lead.stage-changed in one transaction. Problems: 400 naming {@code to}, {@code reason}
     * or {@code note}; 404 for a lead nurture does not know or the mover may not see; 403 for a manager's move; 409
     * for a move the table forbids.
     */
    @WithTransaction
    public Uni<LeadStage> move(MoveStage move, Mover mover) {
        return Uni.createFrom().deferred(() -> {
            Stage to = target(move.to());
            String note = note(move.note());
            String reason = move.reason() == null || move.reason().isBlank() ? null : move.reason().strip();
            return LeadStage.<LeadStage>findById(move.leadId(), LockModeType.PESSIMISTIC_WRITE)
                    .map(lead -> visible(lead, move.leadId(), mover.viewer()))
                    .chain(lead -> moved(lead, to, reason, note, mover));
        });
    }

    private Uni<LeadStage> moved(LeadStage lead, Stage to, String reason, String note, Mover mover) {
        Stage from = lead.stage;
        StageMachine.Move kind = machine.check(from, to, mover.manager(), reason);
        Instant now = now();
        String why = reason == null ? "moved by " + mover.name() : reason;
        lead.stage = to;
        lead.stageSince = now;
        lead.updatedAt = now;
        return lead.<LeadStage>persist()
                .call(() -> StageChange.of(lead.leadId, from, to, why, note, mover.name(), now).persist())
                .call(() -> announce(new LeadStageChanged(lead.leadId, from, to, lead.owner, why, mover.name(), now)))
                .invoke(() -> Log.infof("lead %s moved %s -> %s (%s) by %s", lead.leadId, from, to, kind, mover.name()));
    }

    private static Stage target(String to) {
        if (to == null || to.isBlank()) {
            throw invalid("the stage to move to is missing", "to", "required: one of " + stageNames());
        }
        try {
            return Stage.valueOf(to.strip());
        } catch (IllegalArgumentException e) {
            throw invalid((to.length() <= 32 ? "'" + to + "'" : "the stage given") + " is not a stage", "to",
                    "must be one of " + stageNames());
        }
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > MAX_NOTE) {
            throw invalid("the note is too long", "note", "at most " + MAX_NOTE + " characters");
        }
        return note.strip();
    }

    private static ProblemException invalid(String detail, String field, String message) {
        return ProblemException.badRequest("invalid-stage-move", detail, List.of(new FieldError(field, message)));
    }

    private static String stageNames() {
        return Arrays.stream(Stage.values()).map(Stage::name).collect(Collectors.joining(", "));
    }

    /** The lead when {@code viewer} may see it: a rep the leads they own, managers and admins all; else 404. */
    private static LeadStage visible(LeadStage lead, UUID leadId, Viewer viewer) {
        if (lead == null || !viewer.sees(lead.owner)) {
            // a lead another rep owns is as unknown to this one as a lead nurture never heard of
            throw ProblemException.notFound("lead", leadId);
        }
        return lead;
    }

    /** Records lead.stage-changed and tells every {@link StageListener}, in the caller's transaction. */
    private Uni<Void> announce(LeadStageChanged change) {
        return outbox.record(change.leadId(), change)
                .chain(() -> Multi.createFrom().iterable(listeners)
                        .onItem().transformToUniAndConcatenate(listener -> listener.stageChanged(change))
                        .collect().last())
                .replaceWithVoid();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code repId} works the lead since {@code at} (distribution's time; null: now). */
    private Uni<Void> owned(UUID leadId, String repId, Instant at) {
        Instant now = now();
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
        String reason = "assigned to " + repId;
        return lead.<LeadStage>persist()
                .call(saved -> StageChange.of(saved.leadId, null, saved.stage, reason, null, null, saved.stageSince)
                        .persist())
                .chain(saved -> announce(new LeadStageChanged(
                        saved.leadId, null, saved.stage, saved.owner, reason, null, saved.stageSince)))
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

    /**
     * The lead's place in the pipeline; a 404 problem while nurture does not know it (not assigned yet) or
     * {@code viewer} may not see it (a rep another rep's lead, or a lead shared with a partner).
     */
    @WithSession
    public Uni<LeadStage> find(UUID leadId, Viewer viewer) {
        return LeadStage.<LeadStage>findById(leadId).map(lead -> visible(lead, leadId, viewer));
    }
}
