package io.leadstream.insights.facts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.insights.funnel.Stage;
import io.smallrye.mutiny.Uni;

/** Keeps the per-lead facts from the events (what the figures are built on). */
@ApplicationScoped
public class LeadFactsService {

    /** The stages that mean a rep has been in touch with the lead. */
    static final Set<String> CONTACTED = Set.of("CONTACTED", "NURTURING", "QUALIFIED", "NEGOTIATION", "CUSTOMER");
    /** The activities that are a rep reaching out. */
    static final Set<String> TOUCHES = Set.of("CALL", "EMAIL", "WHATSAPP", "SMS", "MEETING");

    private final LeadFactRepository facts;

    public LeadFactsService(LeadFactRepository facts) {
        this.facts = facts;
    }

    /** Runs inside the consumer's transaction (chassis event dispatcher), as do the handlers below. */
    public Uni<Void> captured(LeadCapturedEvent event) {
        if (event.leadId() == null || event.source() == null || event.capturedAt() == null) {
            return malformed("lead.captured without leadId, source or capturedAt");
        }
        return facts.captured(event.leadId(), event.source(), micros(event.capturedAt()), event.partnerId(),
                new LeadFactRepository.Dimensions(event.country(), event.segment(), event.campaign(),
                        event.products()));
    }

    /** The lead's dimensions changed (or not: every update carries them as they are now). */
    public Uni<Void> updated(LeadUpdatedEvent event) {
        if (event.leadId() == null || event.updatedAt() == null) {
            return malformed("lead.updated without leadId or updatedAt");
        }
        return facts.updated(event.leadId(), new LeadFactRepository.Dimensions(event.country(), event.segment(),
                event.campaign(), event.products()), micros(event.updatedAt()));
    }

    public Uni<Void> scored(LeadScoredEvent event) {
        if (event.leadId() == null || event.score() == null || event.grade() == null || event.scoredAt() == null) {
            return malformed("lead.scored without leadId, score, grade or scoredAt");
        }
        Instant qualifiedAt = Boolean.TRUE.equals(event.qualified())
                ? micros(event.qualifiedAt() != null ? event.qualifiedAt() : event.scoredAt()) : null;
        return facts.scored(event.leadId(), event.score(), event.grade(), micros(event.scoredAt()), qualifiedAt);
    }

    public Uni<Void> assigned(LeadAssignedEvent event) {
        if (event.leadId() == null || event.repId() == null || event.assignedAt() == null) {
            return malformed("lead.assigned without leadId, repId or assignedAt");
        }
        Instant at = micros(event.assignedAt());
        return facts.assigned(event.leadId(), event.repId(), at).chain(() -> team(event.leadId(), team(event.target()), at));
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
        if (event.leadId() == null || event.repId() == null || event.reassignedAt() == null) {
            return malformed("lead.reassigned without leadId, repId or reassignedAt");
        }
        Instant at = micros(event.reassignedAt());
        return facts.reassigned(event.leadId(), event.repId(), at).chain(() -> team(event.leadId(), team(event.target()), at));
    }

    /** The lead waited in a pull queue (first time counted). */
    public Uni<Void> queued(LeadQueuedEvent event) {
        if (event.leadId() == null || event.queuedAt() == null) {
            return malformed("lead.queued without leadId or queuedAt");
        }
        return facts.queued(event.leadId(), micros(event.queuedAt()));
    }

    /** The lead was offered to a partner company (the first share and its partner counted). */
    public Uni<Void> shared(LeadSharedEvent event) {
        if (event.leadId() == null || event.partnerId() == null || event.sharedAt() == null) {
            return malformed("lead.shared without leadId, partnerId or sharedAt");
        }
        return facts.shared(event.leadId(), event.partnerId(), micros(event.sharedAt()));
    }

    /**
     * The lead entered a stage: a stage entry (once), where it stands if this is the newest change, and the first time
     * it was contacted (CONTACTED or a later working stage), won (CUSTOMER) or lost (UNQUALIFIED).
     */
    public Uni<Void> stageChanged(LeadStageChangedEvent event) {
        if (event.leadId() == null || event.to() == null || event.changedAt() == null) {
            return malformed("lead.stage-changed without leadId, to or changedAt");
        }
        Instant at = micros(event.changedAt());
        Stage stage = Stage.of(event.to());
        return facts.stageChanged(event.leadId(), event.to(), stage == null ? 1 : stage.rank(), at,
                CONTACTED.contains(event.to()) ? at : null,
                "CUSTOMER".equals(event.to()) ? at : null, "UNQUALIFIED".equals(event.to()) ? at : null);
    }

    /**
     * A rep (or an integration on a rep's behalf) reached out: a call, email, WhatsApp message, SMS or meeting logged,
     * not the lead reaching us and not an inquiry; the first one is the lead's first touch.
     */
    public Uni<Void> activityLogged(ActivityLoggedEvent event) {
        if (event.leadId() == null || event.occurredAt() == null) {
            return malformed("activity.logged without leadId or occurredAt");
        }
        boolean touch = TOUCHES.contains(event.kind()) && !"INBOUND".equals(event.direction())
                && !"INQUIRY".equals(event.source());
        return touch ? facts.touched(event.leadId(), micros(event.occurredAt())) : Uni.createFrom().voidItem();
    }

    /** A rep's own message is a touch; a drip sequence's step ({@code sentBy} sequence) is not. */
    public Uni<Void> messageSent(MessageSentEvent event) {
        if (event.leadId() == null || event.sentAt() == null) {
            return malformed("message.sent without leadId or sentAt");
        }
        return "sequence".equals(event.sentBy()) ? Uni.createFrom().voidItem()
                : facts.touched(event.leadId(), micros(event.sentAt()));
    }

    /** A rep missed the lead's first-touch or next-touch target (its first miss counted, whatever the step). */
    public Uni<Void> slaBreached(SlaBreachedEvent event) {
        if (event.leadId() == null || event.breachedAt() == null) {
            return malformed("sla.breached without leadId or breachedAt");
        }
        Instant at = micros(event.breachedAt());
        return facts.slaBreached(event.leadId(), at).chain(() -> team(event.leadId(), event.teamId(), at));
    }

    /** A manager merged one lead into another: the merged lead is counted once, as its survivor. */
    public Uni<Void> merged(LeadMergedEvent event) {
        if (event.leadId() == null || event.kind() == null) {
            return malformed("lead.merged without leadId or kind");
        }
        if (!"MANUAL".equals(event.kind()) || event.mergedLeadId() == null) {
            return Uni.createFrom().voidItem(); // a submission added to an existing lead: nothing to fold
        }
        return facts.mergedInto(event.mergedLeadId(), event.leadId());
    }

    /** The lead was erased in capture: it stays counted (insights holds nothing personal), marked erased. */
    public Uni<Void> erased(LeadErasedEvent event) {
        if (event.leadId() == null || event.erasedAt() == null) {
            return malformed("lead.erased without leadId or erasedAt");
        }
        return facts.erased(event.leadId(), micros(event.erasedAt()));
    }

    /** The team an event named (null: none), as the lead's newest team. */
    private Uni<Void> team(UUID leadId, String teamId, Instant at) {
        return teamId == null || teamId.isBlank() ? Uni.createFrom().voidItem() : facts.team(leadId, teamId, at);
    }

    /** {@code team:emea} → {@code emea}; a target naming a rep or all reps names no team. */
    static String team(String target) {
        return target != null && target.startsWith("team:") ? target.substring("team:".length()) : null;
    }

    private static Uni<Void> malformed(String reason) {
        return Uni.createFrom().failure(new MalformedEventException(reason));
    }

    /** What PostgreSQL stores. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
