package io.leadstream.distribution.assignments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.distribution.reps.Rep;
import io.leadstream.distribution.sla.LeadSla;
import io.leadstream.distribution.sla.SlaClock;
import io.leadstream.distribution.sla.SlaClocks;
import io.leadstream.distribution.sla.SlaSettings;
import io.leadstream.distribution.sla.SlaStep;
import io.leadstream.distribution.teams.Team;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Acts on SLA breaches: every {@code leadstream.distribution.sla-check} (30 s) each clock with a step due is
 * counted again in its rep's business time as it now stands, and each step due is taken in order — {@code REMIND}
 * (sla.breached to the rep), {@code ESCALATE} (sla.breached naming the team's manager), {@code REASSIGN}
 * (sla.breached, and the lead goes to another rep by the rules: lead.reassigned, trigger SLA). A batch per
 * transaction, holding the routing lock like every assignment; each step is a step in the lead's history.
 */
@ApplicationScoped
public class SlaBreaches {

    private final SlaClocks clocks;
    private final AssignmentService assignments;
    private final Outbox outbox;
    private final Clock clock;
    private final int batchSize;
    private final MeterRegistry registry;

    public SlaBreaches(SlaClocks clocks, AssignmentService assignments, Outbox outbox, Clock clock,
            @ConfigProperty(name = "leadstream.distribution.sla-batch", defaultValue = "50") int batchSize,
            MeterRegistry registry) {
        this.clocks = clocks;
        this.assignments = assignments;
        this.outbox = outbox;
        this.clock = clock;
        this.batchSize = batchSize;
        this.registry = registry;
    }

    /** How many clocks were due, and how many steps of each kind were taken. */
    public record Result(int clocks, int reminded, int escalated, int reassigned) {

        Result plus(Result other) {
            return new Result(clocks + other.clocks, reminded + other.reminded, escalated + other.escalated,
                    reassigned + other.reassigned);
        }
    }

    @Scheduled(every = "${leadstream.distribution.sla-check:30s}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return check().invoke(r -> {
            if (r.clocks() > 0) {
                Log.infof("SLA breaches: %d clocks due; %d reminded, %d escalated, %d reassigned", r.clocks(),
                        r.reminded(), r.escalated(), r.reassigned());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "SLA breach pass failed; the next one starts over");
            return null;
        });
    }

    /** Every step due now taken, a batch per transaction. */
    public Uni<Result> check() {
        return batch(new Result(0, 0, 0, 0));
    }

    private Uni<Result> batch(Result sofar) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> assignments.lockRouting()
                .chain(() -> clocks.settings())
                .chain(settings -> clocks.due(now, batchSize).chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(row -> act(row, settings, now))
                        .collect().asList()
                        .map(done -> done.stream().reduce(new Result(0, 0, 0, 0), Result::plus)))))
                // counted once committed: the alert LeadstreamSlaBreaches (deploy/k8s) watches the reminders
                .invoke(this::count)
                .chain(result -> {
                    Result total = sofar.plus(result);
                    // a clock whose steps are not due after all (the rep's hours changed) is counted and rescheduled
                    return result.clocks() < batchSize ? Uni.createFrom().item(total) : batch(total);
                });
    }

    /** {@code leadstream.sla.breaches{step}}: the SLA steps taken (remind, escalate, reassign), per committed batch. */
    private void count(Result result) {
        step("remind", result.reminded());
        step("escalate", result.escalated());
        step("reassign", result.reassigned());
    }

    private void step(String step, int taken) {
        if (taken > 0) {
            Counter.builder("leadstream.sla.breaches").tag("step", step)
                    .description("SLA steps taken on breached deadlines: remind, escalate, reassign")
                    .register(registry).increment(taken);
        }
    }

    private Uni<Result> act(LeadSla row, SlaSettings settings, Instant now) {
        return clocks.calendar(row.repId, settings).chain(calendar -> {
            SlaClock clock = row.clock(calendar);
            List<SlaClock.Due> due = clock.dueAt(now);
            return Rep.<Rep>findById(row.repId)
                    .chain(rep -> rep == null || rep.teamId == null ? Uni.createFrom().<Team>nullItem()
                            : Team.<Team>findById(rep.teamId))
                    .chain(team -> take(row, clock, due, 0, team, now, new Result(1, 0, 0, 0)));
        });
    }

    /** Takes {@code due[i]} and what follows; the clock's row records every step taken. */
    private Uni<Result> take(LeadSla row, SlaClock clock, List<SlaClock.Due> due, int i, Team team, Instant now,
            Result sofar) {
        if (i == due.size()) {
            return clocks.took(row, clock).replaceWith(sofar);
        }
        SlaClock.Due step = due.get(i);
        String teamId = team == null ? null : team.teamId;
        String managerId = team == null ? null : team.managerId;
        String what = describe(row, clock);
        SlaClock taken = clock.taking(step.step());
        // taken before the step: a reassignment restarts the row for the new rep
        SlaBreached breach = new SlaBreached(row.leadId, row.repId, clock.kind().name(), step.step().name(),
                row.policySource, clock.startedAt(), clock.deadline(), step.at(), teamId, managerId, null, now);
        return switch (step.step()) {
            case REMIND -> note(row, AssignmentEntry.Kind.SLA_REMINDED, what + "; " + row.repId + " reminded", now)
                    .chain(() -> publish(breach))
                    .chain(() -> take(row, taken, due, i + 1, team, now, sofar.plus(new Result(0, 1, 0, 0))));
            case ESCALATE -> note(row, AssignmentEntry.Kind.SLA_ESCALATED, what + "; " + (managerId == null
                    ? "escalated, but " + (teamId == null ? row.repId + " has no team" : "team " + teamId
                            + " has no manager") + " to tell" : "escalated to " + managerId), now)
                    .chain(() -> publish(breach))
                    .chain(() -> take(row, taken, due, i + 1, team, now, sofar.plus(new Result(0, 0, 1, 0))));
            case REASSIGN -> assignments.reassignOnBreach(row.leadId, breach.repId(), what, now).chain(newRep -> {
                    Uni<Void> announced = publish(new SlaBreached(breach.leadId(), breach.repId(), breach.kind(),
                            breach.step(), breach.policy(), breach.startedAt(), breach.deadline(), breach.dueAt(),
                            teamId, managerId, newRep, now));
                    if (newRep == null) { // it stays; nothing else is due on this clock
                        return announced.chain(() -> take(row, taken, due, i + 1, team, now, sofar));
                    }
                    // the reassignment started the new rep's clock on this lead's row: nothing more to take here
                    return announced.replaceWith(sofar.plus(new Result(0, 0, 0, 1)));
                });
        };
    }

    private static String describe(LeadSla row, SlaClock clock) {
        return "SLA (" + row.policySource + "): " + (clock.kind() == io.leadstream.distribution.sla.SlaKind.FIRST_TOUCH
                ? "first touch" : "next touch") + " by " + row.repId + " was due " + clock.deadline();
    }

    private Uni<Void> note(LeadSla row, AssignmentEntry.Kind kind, String reason, Instant now) {
        return Assignment.<Assignment>findById(row.leadId).chain(a -> {
            if (a == null) {
                return Uni.createFrom().voidItem();
            }
            AssignmentEntry entry = AssignmentEntry.of(a, kind, null, null);
            entry.reason = reason;
            entry.at = now;
            return entry.persist().replaceWithVoid();
        });
    }

    private Uni<Void> publish(SlaBreached breach) {
        Log.infof("lead %s: %s %s", breach.leadId(), breach.step(), breach.reassignedTo() == null ? ""
                : "to " + breach.reassignedTo());
        return outbox.record(breach.leadId(), breach).replaceWithVoid();
    }
}
