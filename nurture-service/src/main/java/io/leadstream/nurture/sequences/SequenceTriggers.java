package io.leadstream.nurture.sequences;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.nurture.activities.Activity;
import io.leadstream.nurture.activities.ActivityKind;
import io.leadstream.nurture.activities.ActivityListener;
import io.leadstream.nurture.activities.Direction;
import io.leadstream.nurture.consent.ConsentBook;
import io.leadstream.nurture.consent.ConsentDecision;
import io.leadstream.nurture.stages.LeadStage;
import io.leadstream.nurture.stages.LeadStageChanged;
import io.leadstream.nurture.stages.StageListener;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What enrols leads in sequences and stops them, each in the transaction of what caused it:
 * <ul>
 * <li>a stage change stops the lead's enrolments in sequences that stop at the new stage, then enrols it in each
 * sequence that enrols on that stage and never had it;</li>
 * <li>scoring qualifying a lead (lead.scored with qualified true) enrols it in each sequence that enrols on
 * qualification and never had it (a lead nurture does not know yet, not assigned, is not enrolled);</li>
 * <li>a reply (an inbound email, WhatsApp message or SMS, logged by a rep, an integration or from capture's
 * inquiries) stops every enrolment of the lead;</li>
 * <li>a withdrawal of consent (consent.changed, an unsubscribe link included) for a sequence's purpose, or for
 * {@code all}, on a channel one of its steps uses stops that enrolment;</li>
 * <li>an erasure stops every enrolment of the lead; a manual merge moves the merged lead's enrolments to the survivor,
 * stopping those of sequences the survivor is in already.</li>
 * </ul>
 */
@ApplicationScoped
public class SequenceTriggers implements StageListener, ActivityListener {

    /** Who enrolled a lead a sequence enrolled by itself. */
    public static final String AUTO = "auto";
    static final Set<ActivityKind> REPLIES = Set.of(ActivityKind.EMAIL, ActivityKind.WHATSAPP, ActivityKind.SMS);

    private final SequenceService service;
    private final SequenceRepository sequences;
    private final EnrolmentRepository enrolments;
    private final ConsentBook consents;
    private final Clock clock;

    public SequenceTriggers(SequenceService service, SequenceRepository sequences, EnrolmentRepository enrolments,
            ConsentBook consents, Clock clock) {
        this.consents = consents;
        this.service = service;
        this.sequences = sequences;
        this.enrolments = enrolments;
        this.clock = clock;
    }

    @Override
    public Uni<Void> stageChanged(LeadStageChanged change) {
        return stop(change.leadId(), s -> s.stopsAt(change.to()), Stops.STAGE_CHANGED)
                .chain(() -> change.to() == null ? Uni.createFrom().voidItem()
                        : sequences.enrollingOn(change.to()).chain(candidates -> candidates.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : LeadStage.<LeadStage>findById(change.leadId())
                                        .chain(lead -> lead == null ? Uni.createFrom().voidItem()
                                                : service.enrolOnce(lead, candidates, AUTO))));
    }

    @Override
    public Uni<Void> recorded(Activity activity) {
        if (activity.direction != Direction.INBOUND || !REPLIES.contains(activity.kind)) {
            return Uni.createFrom().voidItem();
        }
        return stop(activity.leadId, s -> true, Stops.REPLIED);
    }

    /** Scoring scored the lead; qualified, it enters the sequences that enrol on qualification (consumer's tx). */
    public Uni<Void> scored(UUID leadId, Boolean qualified) {
        if (leadId == null || !Boolean.TRUE.equals(qualified)) {
            return Uni.createFrom().voidItem();
        }
        return sequences.enrollingOnQualified().chain(candidates -> candidates.isEmpty() ? Uni.createFrom().voidItem()
                : LeadStage.<LeadStage>findById(leadId).chain(lead -> lead == null ? Uni.createFrom().voidItem()
                        : service.enrolOnce(lead, candidates, AUTO)));
    }

    /**
     * capture recorded a consent change; after a withdrawal, each enrolment whose sequence sends through that channel
     * stops when the lead's consent for the sequence's purpose there is now withdrawn or do-not-contact (as the
     * newest entry says, so a late, older withdrawal stops nothing a newer grant allows) (consumer's tx).
     */
    public Uni<Void> consentChanged(UUID leadId, String channel, String status) {
        if (leadId == null || !"WITHDRAWN".equals(status) || channel == null) {
            return Uni.createFrom().voidItem();
        }
        return stopWhen(leadId, s -> !s.sendsBy(channel) ? Uni.createFrom().item(false)
                : consents.decide(leadId, s.purpose, channel).map(decision -> decision == ConsentDecision.WITHDRAWN
                        || decision == ConsentDecision.DO_NOT_CONTACT), Stops.UNSUBSCRIBED);
    }

    /** The lead was erased: every sequence stops for it, and what its steps' failures said goes (consumer's tx). */
    public Uni<Void> erased(UUID leadId) {
        return stop(leadId, s -> true, Stops.ERASED).chain(() -> Panache.flush())
                .chain(() -> enrolments.forgetErrors(leadId)).replaceWithVoid();
    }

    /**
     * A manager merged {@code merged} into {@code survivor}: the merged lead's enrolments are the survivor's, but one
     * in a sequence the survivor is in already stops (consumer's tx).
     */
    public Uni<Void> merged(UUID survivor, UUID merged) {
        if (survivor == null || merged == null || survivor.equals(merged)) {
            return Uni.createFrom().voidItem();
        }
        Instant now = now();
        return enrolments.activeOf(merged)
                .chain(active -> Multi.createFrom().iterable(active)
                        .onItem().transformToUniAndConcatenate(e -> enrolments.isActive(survivor, e.sequenceId)
                                .invoke(twice -> {
                                    if (twice) {
                                        e.end(EnrolmentState.STOPPED, Stops.MERGED, now);
                                    }
                                }))
                        .collect().last())
                .chain(() -> Panache.flush())
                .chain(() -> enrolments.move(merged, survivor))
                .replaceWithVoid();
    }

    /** Stops the lead's active enrolments whose sequence {@code which} holds, for {@code reason}. */
    private Uni<Void> stop(UUID leadId, Predicate<DripSequence> which, String reason) {
        return stopWhen(leadId, s -> Uni.createFrom().item(which.test(s)), reason);
    }

    /** As {@link #stop}, with a decision that needs the database (the lead's consent). */
    private Uni<Void> stopWhen(UUID leadId, Function<DripSequence, Uni<Boolean>> which, String reason) {
        Instant now = now();
        return enrolments.activeOf(leadId).chain(active -> Multi.createFrom().iterable(active)
                .onItem().transformToUniAndConcatenate(e -> sequences.findById(e.sequenceId)
                        .chain(s -> which.apply(s).invoke(stops -> {
                            if (stops) {
                                e.end(EnrolmentState.STOPPED, reason, now);
                                Log.infof("enrolment %s of lead %s in sequence '%s' stopped: %s", e.id, leadId,
                                        s.name, reason);
                            }
                        })))
                .collect().last().replaceWithVoid());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
