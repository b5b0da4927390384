package io.leadstream.distribution.queues;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.distribution.sla.SlaClocks;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.assignments.Assignment;
import io.leadstream.distribution.assignments.AssignmentEntry;
import io.leadstream.distribution.assignments.AssignmentRepository;
import io.leadstream.distribution.assignments.QueuedLead;
import io.leadstream.distribution.leads.KnownLead;
import io.leadstream.distribution.reps.Rep;
import io.leadstream.distribution.routing.AssignmentRule;
import io.leadstream.distribution.routing.LeadFacts;
import io.leadstream.distribution.routing.RepLoad;
import io.leadstream.distribution.routing.RepProfile;
import io.leadstream.distribution.routing.Router;
import io.leadstream.distribution.routing.Strategy;
import io.leadstream.distribution.routing.Target;
import io.leadstream.distribution.rules.RuleBooks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Pull queues: what waits in each, and a rep's claim — the best lead (score, then the longest waiting) the rep may
 * take, taken atomically: the queue's rows are read {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers each get a
 * different lead and never wait for one another, and the rep's own row is locked, so one rep's parallel claims count
 * against their limits one after the other.
 */
@ApplicationScoped
public class QueueClaims {

    /** How many of the best waiting leads a claim looks at, at most, for one the rep covers. */
    static final int LOOK_AT = 100;

    private final QueueRepository queues;
    private final io.leadstream.distribution.assignments.AssignmentService routing;
    private final AssignmentRepository assignments;
    private final RuleBooks rules;
    private final Outbox outbox;
    private final SlaClocks sla;
    private final Clock clock;
    private final int claimsPerDay;

    public QueueClaims(QueueRepository queues, io.leadstream.distribution.assignments.AssignmentService routing,
            AssignmentRepository assignments, RuleBooks rules, Outbox outbox, SlaClocks sla, Clock clock,
            @ConfigProperty(name = "leadstream.distribution.queue.claims-per-day", defaultValue = "50") int claimsPerDay) {
        this.queues = queues;
        this.routing = routing;
        this.assignments = assignments;
        this.rules = rules;
        this.outbox = outbox;
        this.sla = sla;
        this.clock = clock;
        this.claimsPerDay = claimsPerDay;
    }

    /** A queue: named by a rule in force or holding leads, with how many wait, the oldest and the best score. */
    public record Summary(String queue, long waiting, Instant oldestQueuedAt, Integer bestScore, boolean inRules) {
    }

    /** Every queue the rules in force name or that holds leads, by name. */
    @WithSession
    public Uni<List<Summary>> list() {
        return rules.inForce().chain(book -> assignments.queues().map(waiting -> {
            Map<String, AssignmentRepository.QueueSummary> byName = waiting.stream()
                    .collect(Collectors.toMap(AssignmentRepository.QueueSummary::queue, Function.identity()));
            java.util.TreeSet<String> names = new java.util.TreeSet<>(byName.keySet());
            List<String> named = namedQueues(book.book());
            names.addAll(named);
            return names.stream().map(name -> {
                var w = byName.get(name);
                return new Summary(name, w == null ? 0 : w.waiting(), w == null ? null : w.oldest(),
                        w == null ? null : w.bestScore(), named.contains(name));
            }).toList();
        }));
    }

    /** What waits in a queue, best first; 404 for a queue no rule names and no lead waits in. */
    @WithSession
    public Uni<List<QueuedLead>> show(String queue, int offset, int limit) {
        return QueuedLead.inQueue(queue, offset, limit).chain(leads -> {
            if (!leads.isEmpty() || offset > 0) {
                return Uni.createFrom().item(leads);
            }
            return rules.inForce().map(book -> {
                if (!namedQueues(book.book()).contains(queue)) {
                    throw ProblemException.notFound("queue", queue);
                }
                return leads;
            });
        });
    }

    /**
     * The calling rep takes the best lead of the queue they may take (one whose product, segment, country and language
     * they cover); empty when none waits. 409 when the caller is not a registered, active rep, is at capacity, or has
     * claimed their daily number of leads.
     */
    @WithTransaction
    public Uni<Optional<Assignment>> claim(String queue, String repId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // the routing lock first: a claim and a pushed assignment then never count one rep's load at the same time
        return routing.lockRouting().chain(() -> Rep.<Rep>findById(repId, LockModeType.PESSIMISTIC_WRITE)).chain(rep -> {
            if (rep == null || !rep.active) {
                return Uni.createFrom().failure(ProblemException.conflict("not-an-active-rep", repId
                        + (rep == null ? " is not a registered rep" : " is inactive") + "; only active reps claim leads"));
            }
            RepProfile profile = rep.profile();
            return assignments.loads(List.of(profile), now).chain(loads -> assignments.claimsSince(repId,
                    AssignmentRepository.dayStart(profile, now)).chain(claimed -> {
                        RepLoad load = loads.getOrDefault(repId, RepLoad.NONE);
                        refuseWhenFull(profile, load, claimed);
                        return next(queue, profile, new ArrayList<>(), now);
                    }));
        });
    }

    private void refuseWhenFull(RepProfile rep, RepLoad load, long claimedToday) {
        if (rep.maxOpenLeads() != null && load.openLeads() >= rep.maxOpenLeads()) {
            throw ProblemException.conflict("at-capacity", rep.repId() + " holds " + load.openLeads()
                    + " open leads, the most they may (" + rep.maxOpenLeads() + ")");
        }
        if (rep.dailyCapacity() != null && load.assignedToday() >= rep.dailyCapacity()) {
            throw ProblemException.conflict("at-capacity", rep.repId() + " has been given " + load.assignedToday()
                    + " leads today, their daily capacity (" + rep.dailyCapacity() + ")");
        }
        if (claimedToday >= claimsPerDay) {
            throw ProblemException.conflict("claim-limit", rep.repId() + " has claimed " + claimedToday
                    + " leads today, the most a rep may claim in a day (" + claimsPerDay + ")");
        }
    }

    /** The best lead not yet passed over that the rep covers, looking at no more than {@link #LOOK_AT}. */
    private Uni<Optional<Assignment>> next(String queue, RepProfile rep, List<UUID> passed, Instant now) {
        if (passed.size() >= LOOK_AT) {
            return Uni.createFrom().item(Optional.empty());
        }
        AssignmentRule claiming = new AssignmentRule("claim", null, Target.queue(queue), Strategy.ROUND_ROBIN, null,
                false, false);
        return queues.nextClaimable(queue, passed).chain(q -> {
            if (q == null) {
                return Uni.createFrom().item(Optional.<Assignment>empty());
            }
            return KnownLead.<KnownLead>findById(q.leadId).chain(lead -> {
                LeadFacts facts = lead != null ? lead.facts() : new LeadFacts(q.leadId, null, null, null, null, null,
                        null, null, null, null, q.score, q.grade, false);
                // capacity was checked above; here only whether the rep covers the lead
                if (Router.skip(rep, claiming, facts, RepLoad.NONE, now).isPresent()) {
                    passed.add(q.leadId);
                    return next(queue, rep, passed, now);
                }
                return claimed(q, rep.repId(), now).map(Optional::of);
            });
        });
    }

    private Uni<Assignment> claimed(QueuedLead q, String repId, Instant now) {
        return Assignment.<Assignment>findById(q.leadId).chain(a -> {
            a.repId = repId;
            a.strategy = "QUEUE";
            a.reason = "claimed by " + repId + " from queue " + q.queue + " (score " + q.score + ", waiting since "
                    + q.queuedAt + ")";
            a.candidates = new Assignment.Candidates(List.of(new Assignment.Candidate(repId, null)));
            a.score = q.score;
            a.grade = q.grade;
            a.assignedAt = now;
            AssignmentEntry step = AssignmentEntry.of(a, AssignmentEntry.Kind.CLAIMED, null, repId);
            return q.delete().chain(() -> step.persist())
                    .chain(() -> outbox.record(a.leadId, new LeadClaimed(a.leadId, repId, q.queue, q.score, q.grade,
                            q.queuedAt, now)))
                    .chain(() -> sla.start(a.leadId, repId, a.ruleName, a.target, now))
                    .invoke(() -> Log.infof("%s claimed lead %s from queue %s", repId, a.leadId, q.queue))
                    .replaceWith(a);
        });
    }

    private static List<String> namedQueues(io.leadstream.distribution.routing.RuleBook book) {
        java.util.stream.Stream<AssignmentRule> all = java.util.stream.Stream.concat(book.rules().stream(),
                java.util.stream.Stream.of(book.fallback()));
        return all.filter(r -> r.target().type() == Target.Type.QUEUE).map(r -> r.target().id()).distinct().toList();
    }
}
