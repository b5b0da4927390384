package io.leadstream.insights.facts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.smallrye.mutiny.Uni;

/** Keeps the per-lead facts from the events (what the figures are built on). */
@ApplicationScoped
public class LeadFactsService {

    private final LeadFactRepository facts;

    public LeadFactsService(LeadFactRepository facts) {
        this.facts = facts;
    }

    /** Runs inside the consumer's transaction (chassis event dispatcher), as do the handlers below. */
    public Uni<Void> captured(LeadCapturedEvent event) {
        if (event.leadId() == null || event.source() == null || event.capturedAt() == null) {
            return malformed("lead.captured without leadId, source or capturedAt");
        }
        return facts.captured(event.leadId(), event.source(), micros(event.capturedAt()));
    }

    public Uni<Void> scored(LeadScoredEvent event) {
        if (event.leadId() == null || event.score() == null || event.grade() == null || event.scoredAt() == null) {
            return malformed("lead.scored without leadId, score, grade or scoredAt");
        }
        return facts.scored(event.leadId(), event.score(), event.grade(), micros(event.scoredAt()));
    }

    public Uni<Void> assigned(LeadAssignedEvent event) {
        if (event.leadId() == null || event.repId() == null || event.assignedAt() == null) {
            return malformed("lead.assigned without leadId, repId or assignedAt");
        }
        return facts.assigned(event.leadId(), event.repId(), micros(event.assignedAt()));
    }

    /**
     * A rep claimed the lead from a pull queue: its first assignment, as lead.assigned is for a pushed lead (a claimed
     * lead never gets one), so it is counted as assigned to the claimer, at {@code claimedAt}: speed-to-lead runs from
     * capture to the claim.
     */
    public Uni<Void> claimed(LeadClaimedEvent event) {
        if (event.leadId() == null || event.repId() == null || event.claimedAt() == null) {
            return malformed("lead.claimed without leadId, repId or claimedAt");
        }
        return facts.assigned(event.leadId(), event.repId(), micros(event.claimedAt()));
    }

    /** The lead moved to another rep: they own it now; it was assigned once, when it was first assigned. */
    public Uni<Void> reassigned(LeadReassignedEvent event) {
        if (event.leadId() == null || event.repId() == null) {
            return malformed("lead.reassigned without leadId or repId");
        }
        return facts.reassigned(event.leadId(), event.repId());
    }

    private static Uni<Void> malformed(String reason) {
        return Uni.createFrom().failure(new MalformedEventException(reason));
    }

    /** What PostgreSQL stores. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
