package io.leadstream.distribution.sla;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.distribution.calendar.BusinessCalendar;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A lead's SLA clock as stored (table {@code sla_clock}): the rep it runs for, the target it counts against, the
 * policy it was started with, the steps taken, and — for the pass that acts on breaches — the next step and when it
 * is due (null: stopped, or every step taken). One per lead: a contact turns a first-touch clock into a next-touch
 * one, a new rep starts it again.
 */
@Entity
@Table(name = "sla_clock")
public class LeadSla extends PanacheEntityBase {

    @Id
    public UUID leadId;
    public String repId;
    public String kind;
    @JdbcTypeCode(SqlTypes.JSON)
    public SlaDocument.Policy policy;
    /** rule:&lt;name&gt;, queue:&lt;name&gt; or default */
    public String policySource;
    public Instant startedAt;
    public Instant deadline;
    public String[] taken = new String[0];
    public String nextStep;
    public Instant nextDueAt;
    /** the last contact nurture reported, or null */
    public Instant contactedAt;
    /** when the lead left the pipeline (won, lost, inactive): nothing is due any more */
    public Instant stoppedAt;

    /** The clock as a value, counted in {@code calendar}. */
    public SlaClock clock(BusinessCalendar calendar) {
        Set<SlaStep> steps = Arrays.stream(taken).map(SlaStep::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SlaStep.class)));
        return new SlaClock(policy.parsed(), calendar, SlaKind.valueOf(kind), startedAt, steps, stoppedAt);
    }

    /** Keeps what {@code clock} says: its steps taken, deadline and what is due next. */
    void keep(SlaClock clock) {
        kind = clock.kind().name();
        startedAt = clock.startedAt();
        stoppedAt = clock.stoppedAt();
        taken = clock.taken().stream().sorted().map(SlaStep::name).toArray(String[]::new);
        deadline = clock.deadline();
        List<SlaClock.Due> pending = clock.schedule().stream()
                .filter(d -> !clock.taken().contains(d.step()) && !clock.isStopped()).toList();
        nextStep = pending.isEmpty() ? null : pending.get(0).step().name();
        nextDueAt = pending.isEmpty() ? null : pending.get(0).at();
    }

    /** Up to {@code limit} clocks with a step due at {@code now}, most overdue first, locked (FOR UPDATE). */
    static io.smallrye.mutiny.Uni<List<LeadSla>> dueAt(Instant now, int limit) {
        return LeadSla.<LeadSla>find("nextDueAt <= ?1", io.quarkus.panache.common.Sort.by("nextDueAt").and("leadId"), now)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .page(io.quarkus.panache.common.Page.ofSize(limit)).list();
    }
}
