package io.leadstream.distribution.assignments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.chassis.inbox.TransientEventFailure;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.leads.KnownLead;
import io.leadstream.distribution.leads.KnownLeads;
import io.leadstream.distribution.reps.Rep;
import io.leadstream.distribution.routing.Decision;
import io.leadstream.distribution.routing.RepProfile;
import io.leadstream.distribution.routing.Router;
import io.leadstream.distribution.rules.RuleBooks;
import io.leadstream.distribution.sla.LeadSla;
import io.leadstream.distribution.sla.SlaClocks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Assigns scored leads by the assignment rules in force and announces lead.assigned in the same transaction, with the
 * rule, strategy, reason and every candidate considered, and a step in the lead's history. A lead is assigned once: a
 * later lead.scored leaves its assignment as it is. A lead nobody is eligible for is stored as waiting (rep null,
 * nothing published) and routed again on its next lead.scored.
 */
@ApplicationScoped
public class AssignmentService {

    static final String OWNER = "OWNER";
    /** The strategy of a rep a manager named. */
    static final String MANUAL = "MANUAL";
    /** The strategy of a lead in a pull queue (and, once claimed, of its claim). */
    static final String QUEUE = "QUEUE";
    /** The strategy of a lead shared with a partner. */
    public static final String PARTNER = "PARTNER";

    private final Outbox outbox;
    private final KnownLeads leads;
    private final RuleBooks rules;
    private final AssignmentRepository repository;
    private final SlaClocks sla;
    private final Clock clock;
    private final Duration waitForCapture;
    private final PartnerShares shares;

    public AssignmentService(Outbox outbox, KnownLeads leads, RuleBooks rules, AssignmentRepository repository,
            SlaClocks sla, Clock clock,
            @ConfigProperty(name = "leadstream.distribution.wait-for-capture", defaultValue = "30s") Duration waitForCapture,
            PartnerShares shares) {
        this.outbox = outbox;
        this.shares = shares;
        this.leads = leads;
        this.rules = rules;
        this.repository = repository;
        this.sla = sla;
        this.clock = clock;
        this.waitForCapture = waitForCapture;
    }

    /** Runs inside the consumer's transaction (chassis event dispatcher). */
    public Uni<Void> assignScored(LeadScoredEvent event) {
        if (event.leadId() == null || event.score() == null || event.grade() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.scored without leadId, score or grade"));
        }
        Instant now = now();
        Instant scoredAt = event.scoredAt() == null ? now : event.scoredAt();
        return leads.scored(event.leadId(), event.score(), event.grade(), event.qualifiedNow(), scoredAt)
                .chain(scored -> {
                    KnownLead lead = scored.lead();
                    // The global rotation row's lock (SELECT … FOR UPDATE) serialises assignments across consumers and
                    // replicas: whoever holds it reads loads, rotations and the lead's assignment as the one before
                    // it committed them, so capacity and turns are never counted twice.
                    return RoundRobinCursor.<RoundRobinCursor>findById(RoundRobinCursor.ALL_REPS,
                            LockModeType.PESSIMISTIC_WRITE)
                            .onItem().ifNull().failWith(() -> new IllegalStateException("round_robin_cursor '"
                                    + RoundRobinCursor.ALL_REPS + "' is missing; the V1 migration seeds it"))
                            .chain(() -> Assignment.<Assignment>findById(event.leadId()))
                            .chain(existing -> {
                                if (existing == null && lead.source == null && event.firstScore()
                                        && scoredAt.plus(waitForCapture).isAfter(now)) {
                                    // a new lead: capture's topic is read by another consumer, so give its
                                    // lead.captured a moment to arrive and the rules see the lead's product, country
                                    // and source. Only then: a re-score of a lead captured before distribution kept
                                    // lead facts must not hold the partition.
                                    throw new TransientEventFailure("lead " + lead.leadId + " is new and scored, but "
                                            + "capture's lead.captured has not arrived yet; waiting up to "
                                            + waitForCapture + " for its attributes");
                                }
                                if (existing != null && existing.queued()) {
                                    return QueuedLead.<QueuedLead>findById(existing.leadId).invoke(q -> {
                                        if (q != null) { // rescored while it waits: its place follows the score
                                            q.score = lead.score;
                                            q.grade = lead.grade;
                                        }
                                    }).replaceWithVoid();
                                }
                                if (existing != null && existing.shared()) {
                                    Log.debugf("lead %s is shared with %s; left as it is", existing.leadId,
                                            existing.partnerId());
                                    return Uni.createFrom().voidItem();
                                }
                                if (existing != null && !existing.waiting()) {
                                    if (scored.becameQualified()) {
                                        return reevaluateQualified(existing, lead, now);
                                    }
                                    Log.debugf("lead %s is already assigned to %s; left as it is", existing.leadId,
                                            existing.repId);
                                    return Uni.createFrom().voidItem();
                                }
                                return route(lead, now).chain(routed -> save(existing, lead, routed, now, null));
                            });
                });
    }

    /**
     * Routes one waiting lead again (a rep came on duty, was added, or has room again); true when it was assigned.
     * Runs in the caller's transaction, which holds the global rotation lock ({@link WaitingLeads}).
     */
    Uni<Boolean> retryWaiting(Assignment waiting, Instant now) {
        return leads.find(waiting.leadId).chain(found -> {
            KnownLead lead = found != null ? found : known(waiting);
            return route(lead, now).chain(routed -> {
                if (!routed.decision().assigned()) {
                    return Uni.createFrom().item(false);
                }
                return save(waiting, lead, routed, now, null).replaceWith(true);
            });
        });
    }

    /** Takes the global rotation lock that serialises routing (and claims), in the caller's transaction. */
    public Uni<Void> lockRouting() {
        return RoundRobinCursor.<RoundRobinCursor>findById(RoundRobinCursor.ALL_REPS, LockModeType.PESSIMISTIC_WRITE)
                .replaceWithVoid();
    }

    /** A routing decision and the rule-book version it was made under. */
    public record Routed(Decision decision, int ruleVersion) {
    }

    /** Where the rules in force send the lead now, without assigning it (the caller's session). */
    public Uni<Routed> route(KnownLead lead, Instant now) {
        return route(lead, null, now);
    }

    /**
     * Where the rules in force send the lead now, with the reps' current loads and rotations, leaving out
     * {@code excluded} (null: nobody; a manager's reassignment leaves out the current rep) and the partners that
     * declined the lead or let it lapse; writes nothing.
     */
    private Uni<Routed> route(KnownLead lead, String excluded, Instant now) {
        return rules.inForce().chain(book -> Rep.allProfiles().chain(all -> {
            List<RepProfile> reps = excluded == null ? all
                    : all.stream().filter(r -> !r.repId().equals(excluded)).toList();
            return repository.loads(reps, now).chain(loads -> repository.rotations().chain(last -> shares
                    .leftOut(lead.leadId).map(partners -> new Routed(Router.route(book.book(), lead.facts(), reps,
                            loads, last::get, now, partners), book.version()))));
        }));
    }

    /**
     * A lead's share ended without the partner taking it (declined, or recalled at its deadline; the share is closed
     * already): the rules in force route it again at once, leaving out every partner that declined it or let it
     * lapse. Runs in the caller's transaction, which must hold the routing lock ({@link #lockRouting()}).
     */
    public Uni<Void> redistribute(UUID leadId, String why, Instant now) {
        return Assignment.<Assignment>findById(leadId).chain(current -> {
            if (current == null) {
                return Uni.createFrom().voidItem();
            }
            return leads.find(leadId).chain(found -> {
                KnownLead lead = found != null ? found : known(current);
                return route(lead, now).chain(routed -> save(current, lead, routed, now, why));
            });
        });
    }

    /**
     * A manager shares the lead with a partner (the share itself is the caller's): its assignment, new or not, has no
     * rep and the target {@code partner:<id>} from now on, with a SHARED step; a queued lead leaves its queue. Runs in
     * the caller's transaction, which must hold the routing lock. Null when distribution has neither routed nor
     * scored the lead.
     */
    public Uni<Assignment> shareByHand(UUID leadId, String partnerId, String actor, Instant now) {
        return Assignment.<Assignment>findById(leadId).chain(current -> leads.find(leadId).chain(lead -> {
            if (current == null && (lead == null || lead.score == null)) {
                return Uni.createFrom().nullItem();
            }
            Assignment a = current != null ? current : new Assignment();
            String previous = current == null ? null : current.repId;
            a.leadId = leadId;
            a.repId = null;
            a.strategy = PARTNER;
            a.ruleName = null;
            a.ruleVersion = null;
            a.target = io.leadstream.distribution.routing.Target.partner(partnerId).key();
            a.reason = "shared with partner " + partnerId + " by " + actor
                    + (previous == null ? "" : "; " + previous + " no longer works it");
            a.candidates = new Assignment.Candidates(List.of());
            if (lead != null && lead.score != null) {
                a.score = lead.score;
                a.grade = lead.grade;
            }
            a.assignedAt = now;
            AssignmentEntry step = AssignmentEntry.of(a, AssignmentEntry.Kind.SHARED, previous, actor);
            // the rep who had it no longer works it: their SLA clock goes with it
            return QueuedLead.deleteById(leadId).chain(() -> sla.forget(leadId)).chain(() -> a.<Assignment>persist())
                    .call(saved -> step.persist());
        }));
    }

    /** A step in the lead's history about its share (accepted, declined, recalled), in the caller's transaction. */
    public Uni<Void> shareStep(UUID leadId, AssignmentEntry.Kind kind, String reason, String actor, Instant now) {
        return Assignment.<Assignment>findById(leadId).chain(a -> {
            if (a == null) {
                return Uni.createFrom().voidItem();
            }
            AssignmentEntry step = AssignmentEntry.of(a, kind, null, actor);
            step.reason = reason;
            step.at = now;
            return step.persist().replaceWithVoid();
        });
    }

    /**
     * Stores a routing decision. {@code why}: what led to routing again (a share declined or recalled), put before
     * the decision's reason; such a lead is stored as waiting when nobody is eligible, where a waiting lead that is
     * still waiting is left as it is.
     */
    private Uni<Void> save(Assignment waiting, KnownLead lead, Routed routed, Instant now, String why) {
        Decision d = routed.decision();
        if (!d.assigned() && !d.queued() && !d.shared() && waiting != null && !waiting.shared()) {
            Log.infof("lead %s still waits: %s", lead.leadId, d.reason());
            return Uni.createFrom().voidItem();
        }
        Assignment a = waiting != null ? waiting : new Assignment();
        a.leadId = lead.leadId;
        a.repId = d.repId();
        a.strategy = d.queued() ? QUEUE : d.shared() ? PARTNER : d.strategy().name();
        a.ruleName = d.rule();
        a.ruleVersion = routed.ruleVersion();
        a.target = d.target().key();
        a.reason = why == null ? d.reason() : why + "; " + d.reason();
        a.candidates = candidates(d);
        if (lead.score != null) {
            a.score = lead.score;
            a.grade = lead.grade;
        }
        a.assignedAt = now;
        AssignmentEntry step = AssignmentEntry.of(a, d.assigned() ? AssignmentEntry.Kind.ASSIGNED
                : d.queued() ? AssignmentEntry.Kind.QUEUED : d.shared() ? AssignmentEntry.Kind.SHARED
                : AssignmentEntry.Kind.WAITING, null, null);
        Uni<Void> saved = a.persist().chain(() -> step.persist()).replaceWithVoid();
        if (d.shared()) {
            return saved.chain(() -> shares.offer(a, now))
                    .invoke(() -> Log.infof("lead %s shared with partner %s (%s)", a.leadId, d.target().id(),
                            a.reason));
        }
        if (d.queued()) {
            QueuedLead q = new QueuedLead();
            q.leadId = a.leadId;
            q.queue = d.target().id();
            q.score = a.score;
            q.grade = a.grade;
            q.ruleName = a.ruleName;
            q.ruleVersion = a.ruleVersion;
            q.queuedAt = now;
            return saved.chain(() -> q.persist()).chain(() -> outbox.record(a.leadId, LeadQueued.of(q, a.reason)))
                    .invoke(() -> Log.infof("lead %s waits in queue %s (%s)", a.leadId, q.queue, a.reason))
                    .replaceWithVoid();
        }
        if (!d.assigned()) {
            return saved.invoke(() -> Log.warnf("lead %s waits: %s", a.leadId, d.reason()));
        }
        if (d.rotation() != null) {
            saved = saved.chain(() -> repository.advance(d.rotation(), d.repId(), now));
        }
        return saved.chain(() -> outbox.record(a.leadId, LeadAssigned.of(a)))
                .chain(() -> sla.start(a.leadId, a.repId, a.ruleName, a.target, now))
                .invoke(() -> Log.infof("assigned lead %s to %s (%s)", a.leadId, a.repId, a.reason))
                .replaceWithVoid();
    }

    /**
     * The lead just became qualified: if the rule that assigned it says so, the rules in force route it again, and it
     * moves when they now choose another rep (lead.reassigned, trigger QUALIFIED); otherwise it stays.
     */
    private Uni<Void> reevaluateQualified(Assignment current, KnownLead lead, Instant now) {
        if (current.ruleName == null || current.ruleVersion == null) {
            return Uni.createFrom().voidItem();
        }
        return rules.version(current.ruleVersion).chain(assignedBy -> {
            boolean says = assignedBy != null && assignedBy.book().rules().stream()
                    .anyMatch(r -> r.name().equals(current.ruleName) && r.reevaluateWhenQualified());
            if (!says) {
                return Uni.createFrom().voidItem();
            }
            return route(lead, now).chain(routed -> {
                Decision d = routed.decision();
                if (!d.assigned() || d.repId().equals(current.repId)) {
                    Log.infof("lead %s qualified; the rules keep it with %s (%s)", lead.leadId, current.repId,
                            d.reason());
                    return Uni.createFrom().voidItem();
                }
                String previous = current.repId;
                apply(current, routed, lead, now);
                current.reason = "qualified: " + d.reason();
                return moved(current, previous, LeadReassigned.QUALIFIED, null, d.rotation(), now);
            });
        });
    }

    /**
     * A manager moves the lead: to {@code repId} when named (a registered, active rep), else wherever the rules in
     * force send it with its current rep left out. A waiting lead is simply assigned. 404 for an unknown lead; 409 when
     * the named rep already works it or nobody else is eligible.
     */
    @WithTransaction
    public Uni<Assignment> reassign(UUID leadId, String repId, String reason, String actor) {
        Instant now = now();
        return RoundRobinCursor.<RoundRobinCursor>findById(RoundRobinCursor.ALL_REPS, LockModeType.PESSIMISTIC_WRITE)
                .chain(() -> Assignment.<Assignment>findById(leadId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("assignment for lead", leadId))
                .call(current -> current.shared() ? shares.close(leadId, "REASSIGNED", now) : Uni.createFrom().voidItem())
                .chain(current -> leads.find(leadId).chain(lead -> {
                    if (repId != null && repId.equals(current.repId)) {
                        return Uni.createFrom().failure(ProblemException.conflict("already-assigned",
                                repId + " already works lead " + leadId));
                    }
                    Uni<Routed> choice = repId != null ? named(repId, reason)
                            : route(lead != null ? lead : known(current), current.repId, now);
                    return choice.chain(routed -> {
                        Decision d = routed.decision();
                        if (!d.assigned()) {
                            return Uni.createFrom().failure(ProblemException.conflict("no-eligible-rep",
                                    "nobody else can take lead " + leadId + ": " + d.reason()));
                        }
                        String previous = current.repId;
                        apply(current, routed, lead != null ? lead : known(current), now);
                        current.reason = "reassigned by " + actor + ": " + reason
                                + (repId != null ? "" : "; " + d.reason());
                        if (previous == null) { // a waiting, queued or shared lead: given, not moved
                            AssignmentEntry step = AssignmentEntry.of(current, AssignmentEntry.Kind.ASSIGNED, null, actor);
                            return QueuedLead.deleteById(leadId).chain(() -> current.persist())
                                    .chain(() -> step.persist())
                                    .chain(() -> outbox.record(current.leadId, LeadAssigned.of(current)))
                                    .chain(() -> sla.start(current.leadId, current.repId, current.ruleName,
                                            current.target, now))
                                    .replaceWith(current);
                        }
                        return moved(current, previous, LeadReassigned.MANUAL, actor, d.rotation(), now)
                                .replaceWith(current);
                    });
                }));
    }

    private Uni<Routed> named(String repId, String reason) {
        return Rep.<Rep>findById(repId).map(rep -> {
            if (rep == null || !rep.active) {
                throw ProblemException.badRequest("invalid-reassignment", "cannot reassign to " + repId,
                        List.of(new io.leadstream.chassis.problem.Problem.FieldError("repId",
                                rep == null ? "no rep '" + repId + "' is registered" : repId + " is inactive")));
            }
            Decision d = new Decision(repId, null, -1, io.leadstream.distribution.routing.Target.rep(repId), null,
                    reason, List.of(new Decision.Candidate(repId, null)), List.of(), null);
            return new Routed(d, 0);
        });
    }

    /** What is known of a lead assigned before distribution kept lead facts: its score. */
    private static KnownLead known(Assignment a) {
        KnownLead lead = new KnownLead();
        lead.leadId = a.leadId;
        lead.score = a.score;
        lead.grade = a.grade;
        return lead;
    }

    /** Writes the decision onto the assignment (rep, rule, strategy, candidates, score, time). */
    private static void apply(Assignment a, Routed routed, KnownLead lead, Instant now) {
        Decision d = routed.decision();
        a.repId = d.repId();
        a.strategy = d.strategy() == null ? MANUAL : d.strategy().name();
        a.ruleName = d.rule();
        a.ruleVersion = d.rule() == null ? null : routed.ruleVersion();
        a.target = d.target().key();
        a.reason = d.reason();
        a.candidates = candidates(d);
        if (lead.score != null) {
            a.score = lead.score;
            a.grade = lead.grade;
        }
        a.assignedAt = now;
    }

    private Uni<Void> moved(Assignment a, String previous, String trigger, String actor, String rotation, Instant now) {
        AssignmentEntry step = AssignmentEntry.of(a, AssignmentEntry.Kind.REASSIGNED, previous, actor);
        Uni<Void> saved = a.persist().chain(() -> step.persist()).replaceWithVoid();
        if (rotation != null) {
            saved = saved.chain(() -> repository.advance(rotation, a.repId, now));
        }
        return saved.chain(() -> outbox.record(a.leadId, LeadReassigned.of(a, previous, trigger, actor)))
                .chain(() -> sla.start(a.leadId, a.repId, a.ruleName, a.target, now))
                .invoke(() -> Log.infof("reassigned lead %s from %s to %s (%s)", a.leadId, previous, a.repId, trigger))
                .replaceWithVoid();
    }

    static Assignment.Candidates candidates(Decision d) {
        return new Assignment.Candidates(d.candidates().stream()
                .map(c -> new Assignment.Candidate(c.repId(), c.skipped())).toList());
    }

    /** Who works the lead and why, with its history and its SLA clock (null: none). */
    public record Found(Assignment assignment, List<AssignmentEntry> history, LeadSla sla) {
    }

    /**
     * Who works the lead and why, and every step before; a 404 problem while it has not been routed (yet), and for a
     * sales rep whose lead it is not (a rep reads their own assignments only).
     */
    @WithSession
    public Uni<Found> find(UUID leadId, Viewer viewer) {
        return Assignment.<Assignment>findById(leadId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("assignment for lead", leadId))
                .invoke(a -> {
                    if (!viewer.sees(a.repId)) {
                        throw ProblemException.notFound("assignment for lead", leadId);
                    }
                })
                .chain(a -> AssignmentEntry.of(leadId).chain(history -> sla.of(leadId)
                        .map(clock -> new Found(a, history, clock))));
    }

    /**
     * A manager merged {@code merged} into {@code survivor}: the merged lead's assignment closes, and the survivor
     * keeps one owner — its own, or, when it had no rep yet, the merged lead's rep (announced as lead.assigned with
     * strategy OWNER). Runs inside the consumer's transaction.
     */
    public Uni<Void> merged(UUID survivor, UUID merged) {
        Instant now = now();
        return Assignment.<Assignment>findById(merged).chain(closing -> {
            if (closing == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> shareCloses = closing.shared() ? shares.close(merged, "MERGED", now) : Uni.createFrom().voidItem();
            return shareCloses.chain(() -> repository.deleteAll(merged)).chain(() -> sla.forget(merged))
                    .chain(() -> Assignment.<Assignment>findById(survivor)).chain(kept -> {
                if (closing.waiting() || (kept != null && !kept.waiting())) {
                    return Uni.createFrom().voidItem();
                }
                Uni<Void> survivorShareCloses = kept != null && kept.shared()
                        ? shares.close(survivor, "MERGED", now) : Uni.createFrom().voidItem();
                Assignment a = kept != null ? kept : new Assignment();
                Uni<Boolean> unqueued = QueuedLead.deleteById(survivor); // the survivor, if queued, has a rep now
                a.leadId = survivor;
                a.repId = closing.repId;
                a.strategy = OWNER;
                a.ruleName = null;
                a.ruleVersion = null;
                a.target = "rep:" + closing.repId;
                a.reason = "kept " + closing.repId + ", the rep of lead " + merged + ", when it was merged into this lead";
                a.candidates = new Assignment.Candidates(List.of(new Assignment.Candidate(closing.repId, null)));
                a.score = kept != null ? kept.score : closing.score;
                a.grade = kept != null ? kept.grade : closing.grade;
                a.assignedAt = now;
                return unqueued.chain(() -> survivorShareCloses).chain(() -> a.<Assignment>persist())
                        .chain(saved -> AssignmentEntry.of(saved, AssignmentEntry.Kind.KEPT_ON_MERGE, null, null).persist()
                                .chain(() -> outbox.record(saved.leadId, LeadAssigned.of(saved)))
                                .chain(() -> sla.start(saved.leadId, saved.repId, null, saved.target, saved.assignedAt)))
                        .invoke(() -> Log.infof("lead %s keeps %s from merged lead %s", survivor, a.repId, merged))
                        .replaceWithVoid();
            });
        });
    }

    /** The lead was erased: its assignment, its history, its SLA clock and its shares go. */
    public Uni<Void> erased(UUID leadId) {
        return repository.deleteAll(leadId).chain(() -> sla.forget(leadId)).chain(() -> shares.erase(leadId));
    }

    /**
     * The SLA's last step: the lead goes from {@code repId} to whoever the rules in force choose with {@code repId}
     * left out (lead.reassigned, trigger SLA; a new first-touch clock starts for the new rep). Returns the new rep,
     * or null when the lead is no longer {@code repId}'s open lead or nobody else is eligible (it stays). Runs in the
     * caller's transaction, which holds the routing lock.
     */
    Uni<String> reassignOnBreach(UUID leadId, String repId, String why, Instant now) {
        return Assignment.<Assignment>findById(leadId).chain(current -> {
            if (current == null || current.closedAt != null || !repId.equals(current.repId)) {
                return Uni.createFrom().nullItem();
            }
            return leads.find(leadId).chain(found -> {
                KnownLead lead = found != null ? found : known(current);
                return route(lead, repId, now).chain(routed -> {
                    Decision d = routed.decision();
                    if (!d.assigned()) {
                        Log.warnf("lead %s stays with %s after an SLA breach: %s", leadId, repId, d.reason());
                        return Uni.createFrom().nullItem();
                    }
                    apply(current, routed, lead, now);
                    current.reason = why + "; " + d.reason();
                    return moved(current, repId, LeadReassigned.SLA, null, d.rotation(), now).replaceWith(d.repId());
                });
            });
        });
    }

    /**
     * nurture moved the lead to {@code stage} at {@code at}: leaving the pipeline (won, lost, inactive) closes the
     * assignment — no longer one of the rep's open leads — and stops its SLA clock; coming back reopens it. Runs
     * inside the consumer's transaction.
     */
    public Uni<Void> stageChanged(UUID leadId, String stage, Instant at) {
        boolean out = CLOSING_STAGES.contains(stage);
        return Assignment.<Assignment>findById(leadId).chain(a -> {
            if (a == null || a.repId == null) {
                return Uni.createFrom().voidItem();
            }
            if (out && a.closedAt == null) {
                a.closedAt = at;
                return a.persist().chain(() -> sla.stop(leadId, at))
                        .invoke(() -> Log.infof("lead %s left the pipeline (%s); %s's assignment closed", leadId,
                                stage, a.repId)).replaceWithVoid();
            }
            if (!out && a.closedAt != null && at.isAfter(a.closedAt)) {
                a.closedAt = null;
                return a.persist().chain(() -> sla.start(leadId, a.repId, a.ruleName, a.target, at));
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** nurture's stages in which a lead is no longer worked. */
    static final java.util.Set<String> CLOSING_STAGES = java.util.Set.of("CUSTOMER", "UNQUALIFIED", "INACTIVE");

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
