package io.leadstream.distribution.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.calendar.BusinessCalendar;
import io.leadstream.distribution.calendar.WorkingHours;
import io.leadstream.distribution.reps.Rep;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The SLAs in force and each lead's clock: started when a rep gets the lead (by the policy of the rule or queue that
 * gave it, else the default), turned into a next-touch clock by every contact nurture reports, stopped when the lead
 * leaves the pipeline, forgotten when it is merged away or erased. Everything but {@link #store} runs in the caller's
 * transaction; the breach pass ({@code assignments.SlaBreaches}) acts on what is due.
 */
@ApplicationScoped
public class SlaClocks {

    /** The SLAs in force: the stored ones, or {@link SlaDocument#builtIn()}. */
    public Uni<SlaDocument> document() {
        return SlaConfig.<SlaConfig>findById(SlaConfig.ONLY).map(c -> c == null ? SlaDocument.builtIn() : c.document);
    }

    /** The SLAs in force, parsed. */
    public Uni<SlaSettings> settings() {
        return document().map(doc -> {
            SlaDocument.Parsed parsed = doc.parse();
            if (parsed instanceof SlaDocument.Valid valid) {
                return valid.settings();
            }
            throw new IllegalStateException("stored SLAs are invalid: " + ((SlaDocument.Invalid) parsed).errors());
        });
    }

    @WithSession
    public Uni<SlaDocument> current() {
        return document();
    }

    /**
     * Replaces the SLAs; a 400 problem names every offending field. Clocks already running keep the policy they
     * started with; the new one applies from the next assignment.
     */
    @WithTransaction
    public Uni<SlaDocument> store(SlaDocument given, String by, Instant now) {
        if (given == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-sla",
                    "a body with the SLA settings is required", List.of()));
        }
        SlaDocument.Parsed parsed = given.parse();
        if (parsed instanceof SlaDocument.Invalid invalid) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-sla",
                    "the SLA settings have " + invalid.errors().size() + " problem(s)", invalid.errors()));
        }
        SlaDocument normalised = ((SlaDocument.Valid) parsed).normalised();
        return SlaConfig.<SlaConfig>findById(SlaConfig.ONLY).chain(found -> {
            SlaConfig config = found != null ? found : new SlaConfig();
            config.id = SlaConfig.ONLY;
            config.document = normalised;
            config.updatedBy = by;
            config.updatedAt = now;
            return config.<SlaConfig>persist().map(saved -> saved.document);
        });
    }

    /**
     * {@code repId} got the lead at {@code at} through {@code ruleName} / {@code target}: a first-touch clock starts
     * (replacing any clock for the lead), or — when no policy applies — the lead has none.
     */
    public Uni<Void> start(UUID leadId, String repId, String ruleName, String target, Instant at) {
        return settings().chain(settings -> LeadSla.<LeadSla>findById(leadId).chain(existing -> {
            var applied = settings.policyFor(ruleName, target);
            if (applied.isEmpty()) {
                return existing == null ? Uni.createFrom().voidItem() : existing.delete();
            }
            return calendar(repId, settings).chain(calendar -> {
                LeadSla row = existing != null ? existing : new LeadSla();
                row.leadId = leadId;
                row.repId = repId;
                row.policy = SlaDocument.Policy.of(applied.get().policy());
                row.policySource = applied.get().source();
                row.contactedAt = null;
                row.keep(SlaClock.start(applied.get().policy(), calendar, SlaKind.FIRST_TOUCH, at));
                return row.persist().replaceWithVoid();
            });
        }));
    }

    /**
     * nurture reported contact at {@code at}: the running clock stops and a next-touch clock starts from the contact.
     * A contact older than the clock (it happened before the current rep had the lead) or than the last one changes
     * nothing; neither does one for a lead without a clock.
     */
    public Uni<Void> contact(UUID leadId, Instant at) {
        return LeadSla.<LeadSla>findById(leadId).chain(row -> {
            if (row == null || row.stoppedAt != null || at.isBefore(row.startedAt)
                    || (row.contactedAt != null && !at.isAfter(row.contactedAt))) {
                return Uni.createFrom().voidItem();
            }
            return settings().chain(settings -> calendar(row.repId, settings)).chain(calendar -> {
                row.contactedAt = at;
                row.keep(SlaClock.start(row.policy.parsed(), calendar, SlaKind.NEXT_TOUCH, at));
                return row.persist().replaceWithVoid();
            });
        });
    }

    /** The lead left the pipeline (won, lost, inactive) at {@code at}: its clock stops. */
    public Uni<Void> stop(UUID leadId, Instant at) {
        return LeadSla.<LeadSla>findById(leadId).chain(row -> {
            if (row == null || row.stoppedAt != null) {
                return Uni.createFrom().voidItem();
            }
            row.stoppedAt = at.isBefore(row.startedAt) ? row.startedAt : at;
            row.nextStep = null;
            row.nextDueAt = null;
            return row.persist().replaceWithVoid();
        });
    }

    /** The lead was merged away or erased: its clock goes. */
    public Uni<Void> forget(UUID leadId) {
        return LeadSla.deleteById(leadId).replaceWithVoid();
    }

    /** The lead's clock, or null. */
    public Uni<LeadSla> of(UUID leadId) {
        return LeadSla.findById(leadId);
    }

    /** Up to {@code limit} clocks with a step due at {@code now}, most overdue first, locked for the caller's transaction. */
    public Uni<List<LeadSla>> due(Instant now, int limit) {
        return LeadSla.dueAt(now, limit);
    }

    /** Records the steps taken on {@code row} (and what is due next) as {@code clock} has them. */
    public Uni<Void> took(LeadSla row, SlaClock clock) {
        row.keep(clock);
        return row.persist().replaceWithVoid();
    }

    /**
     * The business time {@code repId}'s clock counts in: their working hours and absences, the company's holidays;
     * office hours in the settings' zone when they have no hours (or none with a working period), or are gone.
     */
    public Uni<BusinessCalendar> calendar(String repId, SlaSettings settings) {
        return Rep.<Rep>findById(repId).map(rep -> {
            var profile = rep == null ? null : rep.profile();
            WorkingHours hours = profile == null ? null : profile.workingHours();
            try {
                return settings.calendarFor(hours, profile == null ? List.of() : profile.outOfOffice());
            } catch (IllegalArgumentException e) {
                Log.warnf("rep %s's working hours have no working period; their SLA clocks count office hours in %s",
                        repId, settings.timeZone());
                return settings.calendarFor(null, profile.outOfOffice());
            }
        });
    }
}
