package io.leadstream.scoring.events;

import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.scoring.enrichment.CreditChecks;
import io.leadstream.scoring.engine.LeadAttributes;
import io.leadstream.scoring.engine.Signal;
import io.leadstream.scoring.leads.EngagementSignal;
import io.leadstream.scoring.leads.LeadProfile;
import io.leadstream.scoring.leads.LeadProfileRepository;
import io.leadstream.scoring.scores.ScoreRepository;
import io.leadstream.scoring.scores.ScoringService;
import io.smallrye.mutiny.Uni;

/**
 * What each event the service receives does to what scoring knows of a lead, and the re-score it causes. Every
 * handler runs inside the consumer's transaction (chassis inbox), so the profile, the score, its history and the
 * lead.scored outbox row commit together.
 */
@ApplicationScoped
public class LeadEvents {

    private final LeadProfileRepository profiles;
    private final ScoreRepository scores;
    private final ScoringService scoring;
    private final CreditChecks creditChecks;

    public LeadEvents(LeadProfileRepository profiles, ScoreRepository scores, ScoringService scoring,
            CreditChecks creditChecks) {
        this.profiles = profiles;
        this.scores = scores;
        this.scoring = scoring;
        this.creditChecks = creditChecks;
    }

    Uni<Void> captured(LeadCapturedEvent e) {
        return attributes(required(e.leadId(), "lead.captured"), before -> e.attributes(), "lead.captured");
    }

    Uni<Void> updated(LeadUpdatedEvent e) {
        return attributes(required(e.leadId(), "lead.updated"),
                before -> e.attributes(before == null ? null : before.partnerId()), "lead.updated");
    }

    private Uni<Void> attributes(UUID leadId, UnaryOperator<LeadAttributes> attributes, String trigger) {
        return profiles.findOrNew(leadId).chain(profile -> {
            profile.attributes = attributes.apply(profile.attributes);
            profile.updatedAt = scoring.now();
            return profiles.persist(profile);
        }).call(creditChecks::checkIfNeeded).chain(() -> scoring.rescore(leadId, trigger)).replaceWithVoid();
    }

    /**
     * SUBMISSION: the person came back, an engagement signal. MANUAL: the merged lead's signals count for the survivor,
     * its score is retired (GET answers 410), and the survivor is re-scored from both histories.
     */
    Uni<Void> merged(LeadMergedEvent e) {
        UUID survivor = required(e.leadId(), "lead.merged");
        Uni<Void> survivorState = e.survivor() == null ? Uni.createFrom().voidItem()
                : profiles.findOrNew(survivor).chain(profile -> {
                    profile.attributes = e.survivor().attributes(profile.attributes);
                    profile.updatedAt = scoring.now();
                    return profiles.persist(profile);
                }).call(creditChecks::checkIfNeeded).replaceWithVoid();
        if (!e.manual()) {
            return survivorState
                    .chain(() -> profiles.addSignal(EngagementSignal.of(survivor, Signal.Kind.RESUBMISSION, e.source(),
                            at(e.mergedAt()))))
                    .chain(() -> scoring.rescore(survivor, "lead.merged")).replaceWithVoid();
        }
        UUID merged = e.mergedLeadId();
        return survivorState.chain(() -> profiles.moveSignals(merged, survivor))
                .chain(() -> profiles.findOrNew(merged))
                .chain(profile -> {
                    profile.mergedInto = survivor;
                    profile.updatedAt = scoring.now();
                    return profiles.persist(profile);
                })
                .chain(() -> scores.retire(merged))
                .chain(() -> creditChecks.forget(merged))
                .chain(() -> scoring.rescore(survivor, "lead.merged")).replaceWithVoid();
    }

    /** Everything scoring holds on the lead goes: profile, signals, score and its history, credit check. */
    Uni<Void> erased(LeadErasedEvent e) {
        UUID leadId = required(e.leadId(), "lead.erased");
        return scores.erase(leadId).chain(() -> creditChecks.forget(leadId)).chain(() -> profiles.erase(leadId));
    }

    /** An inbound contact counts as engagement (a Google Ads test lead does not). */
    Uni<Void> inquired(LeadInquiredEvent e) {
        UUID leadId = required(e.leadId(), "lead.inquired");
        if (Boolean.TRUE.equals(e.test())) {
            return Uni.createFrom().voidItem();
        }
        return profiles.addSignal(EngagementSignal.of(leadId, Signal.Kind.INQUIRY, e.channel(), at(e.receivedAt())))
                .chain(() -> scoring.rescore(leadId, "lead.inquired")).replaceWithVoid();
    }

    /** A logged activity is engagement; the lead replying to a message nurture sent is worth more. */
    Uni<Void> activityLogged(ActivityLoggedEvent e) {
        UUID leadId = required(e.leadId(), "activity.logged");
        Signal.Kind kind = e.reply() ? Signal.Kind.MESSAGE_REPLIED : Signal.Kind.ACTIVITY;
        String detail = e.kind() == null ? null : e.kind().toLowerCase(java.util.Locale.ROOT);
        return profiles.addSignal(EngagementSignal.of(leadId, kind, detail, at(e.occurredAt())))
                .chain(() -> scoring.rescore(leadId, "activity.logged")).replaceWithVoid();
    }

    /** The rep a lead is assigned to may read its score; an assignment does not change the score. */
    Uni<Void> assigned(LeadAssignedEvent e) {
        return owner(required(e.leadId(), "lead.assigned"), e.repId());
    }

    /**
     * A rep claimed the lead from a pull queue: its first assignment, as lead.assigned is for a pushed lead, so the
     * claimer may read its score; a claim does not change the score.
     */
    Uni<Void> claimed(LeadClaimedEvent e) {
        UUID leadId = required(e.leadId(), "lead.claimed");
        if (e.repId() == null || e.repId().isBlank()) {
            throw new MalformedEventException("lead.claimed without repId");
        }
        return owner(leadId, e.repId());
    }

    /** The lead moved to another rep: they may read its score, the previous rep no longer; the score stays. */
    Uni<Void> reassigned(LeadReassignedEvent e) {
        UUID leadId = required(e.leadId(), "lead.reassigned");
        if (e.repId() == null || e.repId().isBlank()) {
            throw new MalformedEventException("lead.reassigned without repId");
        }
        return owner(leadId, e.repId());
    }

    /** The lead was offered to a partner company: the rep who had it no longer reads its score; the score stays. */
    Uni<Void> shared(LeadSharedEvent e) {
        return owner(required(e.leadId(), "lead.shared"), null);
    }

    private Uni<Void> owner(UUID leadId, String repId) {
        return profiles.findOrNew(leadId).chain(profile -> {
            profile.owner = repId;
            profile.updatedAt = scoring.now();
            return profiles.persist(profile);
        }).replaceWithVoid();
    }

    /** Stage progress is engagement; CUSTOMER and UNQUALIFIED are the outcomes the model learns from. */
    Uni<Void> stageChanged(LeadStageChangedEvent e) {
        UUID leadId = required(e.leadId(), "lead.stage-changed");
        if (e.to() == null) {
            throw new MalformedEventException("lead.stage-changed without to");
        }
        return profiles.findOrNew(leadId).chain(profile -> {
            profile.stage = e.to();
            if (e.owner() != null) {
                profile.owner = e.owner();
            }
            profile.outcome = switch (e.to()) {
                case "CUSTOMER" -> LeadProfile.Outcome.WON;
                case "UNQUALIFIED" -> LeadProfile.Outcome.LOST;
                default -> profile.outcome;
            };
            if ("CUSTOMER".equals(e.to()) || "UNQUALIFIED".equals(e.to())) {
                profile.outcomeAt = at(e.changedAt());
            }
            profile.updatedAt = scoring.now();
            return profiles.persist(profile);
        }).chain(() -> profiles.addSignal(EngagementSignal.of(leadId, Signal.Kind.STAGE, e.to(), at(e.changedAt()))))
                .chain(() -> scoring.rescore(leadId, "lead.stage-changed")).replaceWithVoid();
    }

    private java.time.Instant at(java.time.Instant at) {
        return at != null ? at : scoring.now();
    }

    private static UUID required(UUID leadId, String type) {
        if (leadId == null) {
            throw new MalformedEventException(type + " without leadId");
        }
        return leadId;
    }
}
