package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.reps.Rep;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Assigns scored leads round-robin among the active reps and announces lead.assigned in the same
 * transaction. A lead is assigned once: a later lead.scored leaves its assignment as it is. A lead scored
 * while no rep is active is stored as waiting (rep null, nothing published) and assigned on its next
 * lead.scored once a rep is active.
 */
@ApplicationScoped
public class AssignmentService {

    private final Outbox outbox;

    public AssignmentService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Runs inside the consumer's transaction (chassis event dispatcher). */
    public Uni<Void> assignScored(LeadScoredEvent event) {
        if (event.leadId() == null || event.score() == null || event.grade() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.scored without leadId, score or grade"));
        }
        // The rotation's row lock (SELECT … FOR UPDATE) serialises assignments across consumers and replicas:
        // whoever holds it reads the last rep and the lead's assignment as the one before it committed them.
        return RoundRobinCursor.<RoundRobinCursor>findById(RoundRobinCursor.ALL_REPS, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "round_robin_cursor '" + RoundRobinCursor.ALL_REPS + "' is missing; the V1 migration seeds it"))
                .chain(cursor -> Assignment.<Assignment>findById(event.leadId()).chain(existing -> {
                    if (existing != null && !existing.waiting()) {
                        Log.debugf("lead %s is already assigned to %s; left as it is", existing.leadId, existing.repId);
                        return Uni.createFrom().voidItem();
                    }
                    return Rep.listActive().chain(active -> assign(event, existing, cursor, active));
                }));
    }

    private Uni<Void> assign(LeadScoredEvent event, Assignment waiting, RoundRobinCursor cursor, List<Rep> active) {
        List<String> repIds = active.stream().map(rep -> rep.repId).toList();
        Optional<RoundRobin.Choice> choice = RoundRobin.next(repIds, cursor.lastRepId);
        if (choice.isEmpty() && waiting != null) {
            Log.infof("lead %s still waits: no active rep", waiting.leadId);
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Assignment a = waiting != null ? waiting : new Assignment();
        a.leadId = event.leadId();
        a.repId = choice.map(RoundRobin.Choice::repId).orElse(null);
        a.strategy = RoundRobin.STRATEGY;
        a.reason = choice.map(RoundRobin.Choice::reason).orElse(RoundRobin.NO_ACTIVE_REP);
        a.candidates = new Assignment.Candidates(repIds.stream().map(Assignment.Candidate::new).toList());
        a.score = event.score();
        a.grade = event.grade();
        a.assignedAt = now;
        if (choice.isEmpty()) {
            return a.persist()
                    .invoke(() -> Log.warnf("lead %s waits: no active rep to assign it to", a.leadId))
                    .replaceWithVoid();
        }
        cursor.lastRepId = a.repId;
        cursor.updatedAt = now;
        return a.<Assignment>persist()
                .chain(saved -> outbox.record(saved.leadId, LeadAssigned.of(saved)))
                .invoke(() -> Log.infof("assigned lead %s to %s (%s)", a.leadId, a.repId, a.reason))
                .replaceWithVoid();
    }

    /**
     * Who works the lead and why; a 404 problem while it has not been assigned (yet), and for a sales rep whose lead
     * it is not (a rep reads their own assignments only).
     */
    @WithSession
    public Uni<Assignment> find(UUID leadId, Viewer viewer) {
        return Assignment.<Assignment>findById(leadId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("assignment for lead", leadId))
                .invoke(a -> {
                    if (!viewer.sees(a.repId)) {
                        throw ProblemException.notFound("assignment for lead", leadId);
                    }
                });
    }

    /**
     * A manager merged {@code merged} into {@code survivor}: the merged lead's assignment closes, and the survivor
     * keeps one owner — its own, or, when it had no rep yet, the merged lead's rep (announced as lead.assigned with
     * strategy OWNER). Runs inside the consumer's transaction.
     */
    public Uni<Void> merged(UUID survivor, UUID merged) {
        return Assignment.<Assignment>findById(merged).chain(closing -> {
            if (closing == null) {
                return Uni.createFrom().voidItem();
            }
            return closing.delete().chain(() -> Assignment.<Assignment>findById(survivor)).chain(kept -> {
                if (closing.waiting() || (kept != null && !kept.waiting())) {
                    return Uni.createFrom().voidItem();
                }
                Assignment a = kept != null ? kept : new Assignment();
                a.leadId = survivor;
                a.repId = closing.repId;
                a.strategy = OWNER;
                a.reason = "kept " + closing.repId + ", the rep of lead " + merged + ", when it was merged into this lead";
                a.candidates = new Assignment.Candidates(List.of(new Assignment.Candidate(closing.repId)));
                a.score = kept != null ? kept.score : closing.score;
                a.grade = kept != null ? kept.grade : closing.grade;
                a.assignedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return a.<Assignment>persist().chain(saved -> outbox.record(saved.leadId, LeadAssigned.of(saved)))
                        .invoke(() -> Log.infof("lead %s keeps %s from merged lead %s", survivor, a.repId, merged))
                        .replaceWithVoid();
            });
        });
    }

    /** The lead was erased: its assignment goes (distribution holds nothing else on it yet). */
    public Uni<Void> erased(UUID leadId) {
        return Assignment.deleteById(leadId).replaceWithVoid();
    }

    static final String OWNER = "OWNER";
}
