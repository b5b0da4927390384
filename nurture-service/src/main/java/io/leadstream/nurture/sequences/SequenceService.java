package io.leadstream.nurture.sequences;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.activities.IdempotencyKey;
import io.leadstream.nurture.messages.MessagingConfig;
import io.leadstream.nurture.stages.LeadStage;
import io.leadstream.nurture.stages.StageService;
import io.leadstream.nurture.templates.Templates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Drip sequences and the leads in them. Managers create sequences (every step's template must exist in English, the
 * language every lead falls back to); reps and managers enrol the leads they may work and stop them. An enrolment's
 * first step is due its delay after the enrolment; {@link SequenceRunner} sends the due steps.
 */
@ApplicationScoped
public class SequenceService {

    private final SequenceRepository sequences;
    private final EnrolmentRepository enrolments;
    private final StageService stages;
    private final Templates templates;
    private final MessagingConfig messaging;
    private final BusinessDays businessDays;
    private final ZoneId zone;
    private final Clock clock;

    public SequenceService(SequenceRepository sequences, EnrolmentRepository enrolments, StageService stages,
            Templates templates, MessagingConfig messaging, SequencesConfig config, Clock clock,
            @ConfigProperty(name = "leadstream.nurture.default-time-zone", defaultValue = "UTC") String zone) {
        this.sequences = sequences;
        this.enrolments = enrolments;
        this.stages = stages;
        this.templates = templates;
        this.messaging = messaging;
        this.businessDays = BusinessDays.weekdays(config.holidays().orElse(List.of()));
        this.zone = ZoneId.of(zone);
        this.clock = clock;
    }

    /** Creates a sequence as {@link SequenceRules} allow; 400 naming the field, 409 when the name is taken. */
    public Uni<DripSequence> create(NewSequence request, String by) {
        SequenceRules.Checked c = SequenceRules.check(request, messaging.defaultPurpose());
        return Panache.withTransaction(() -> missingTemplates(c.steps())
                .invoke(missing -> {
                    if (!missing.isEmpty()) {
                        throw ProblemException.badRequest("invalid-sequence", "a step names a template that does not "
                                + "exist in English", missing);
                    }
                })
                .chain(() -> sequences.nameTaken(c.name()))
                .chain(taken -> {
                    if (taken) {
                        throw ProblemException.conflict("sequence-exists", "a sequence is already called '" + c.name()
                                + "'");
                    }
                    DripSequence s = new DripSequence();
                    s.id = UUID.randomUUID();
                    s.name = c.name();
                    s.purpose = c.purpose();
                    s.enrolOnStage = c.enrolOnStage();
                    s.enrolOnQualified = c.enrolOnQualified();
                    s.stopOnStages = c.stopOnStages().stream().map(Enum::name).sorted().toArray(String[]::new);
                    s.steps = new DripSequence.Steps(c.steps());
                    s.createdBy = by;
                    s.createdAt = now();
                    return sequences.persist(s);
                }))
                .onFailure(e -> IdempotencyKey.isRace(e, "drip_sequence_name")).transform(e -> ProblemException
                        .conflict("sequence-exists", "a sequence is already called '" + c.name() + "'"))
                .invoke(s -> Log.infof("sequence %s '%s' (%d steps) created by %s", s.id, s.name, s.steps.items().size(), by));
    }

    public Uni<List<DripSequence>> list() {
        return Panache.withSession(sequences::all);
    }

    public Uni<DripSequence> get(UUID id) {
        return Panache.withSession(() -> sequences.findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("sequence", id));
    }

    /**
     * Enrols the lead in the sequence, as {@code viewer} (a rep: only a lead they own; else 404). 400 when there is no
     * such sequence; 409 when the lead is in it already, or in a stage that stops it.
     */
    public Uni<Enrolment> enrol(UUID leadId, UUID sequenceId, Viewer viewer) {
        if (sequenceId == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-enrolment", "which sequence?",
                    List.of(new FieldError("sequenceId", "required: a sequence's id (GET /api/sequences)"))));
        }
        return Panache.withTransaction(() -> stages.find(leadId, viewer)
                .chain(lead -> sequences.findById(sequenceId).chain(sequence -> {
                    if (sequence == null) {
                        throw ProblemException.badRequest("invalid-enrolment", "there is no such sequence",
                                List.of(new FieldError("sequenceId", "no sequence with this id (GET /api/sequences)")));
                    }
                    if (sequence.stopsAt(lead.stage)) {
                        throw ProblemException.conflict("sequence-stopped-by-stage", "the lead is " + lead.stage
                                + ", a stage that stops the sequence '" + sequence.name + "'");
                    }
                    return enrolments.isActive(leadId, sequenceId).chain(active -> {
                        if (active) {
                            throw alreadyEnrolled(sequence);
                        }
                        return start(lead, sequence, viewer.name());
                    });
                })))
                .onFailure(e -> IdempotencyKey.isRace(e, "enrolment_active")).transform(e -> ProblemException
                        .conflict("already-enrolled", "the lead is in this sequence already"));
    }

    /** The lead's enrolments, newest first, for a viewer who may see the lead (else 404). */
    public Uni<List<Enrolment>> enrolments(UUID leadId, Viewer viewer) {
        return Panache.withSession(() -> stages.find(leadId, viewer).chain(() -> enrolments.ofLead(leadId)));
    }

    public Uni<Enrolment> enrolment(UUID leadId, UUID enrolmentId, Viewer viewer) {
        return Panache.withSession(() -> stages.find(leadId, viewer)
                .chain(() -> enrolments.ofLead(leadId, enrolmentId)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("enrolment", enrolmentId));
    }

    /** Stops the enrolment (reason {@code stopped}); an enrolment that already ended stays as it ended. */
    public Uni<Enrolment> stop(UUID leadId, UUID enrolmentId, Viewer viewer) {
        return Panache.withTransaction(() -> stages.find(leadId, viewer)
                .chain(() -> enrolments.ofLead(leadId, enrolmentId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("enrolment", enrolmentId))
                .invoke(e -> {
                    if (e.state == EnrolmentState.ACTIVE) {
                        e.end(EnrolmentState.STOPPED, Stops.STOPPED, now());
                        Log.infof("enrolment %s of lead %s stopped by %s", e.id, leadId, viewer.name());
                    }
                }));
    }

    /**
     * Enrols the lead in each of {@code candidates} it was never in and that its stage does not stop, as
     * {@code by} (in the caller's transaction): a sequence enrols a lead by itself once.
     */
    Uni<Void> enrolOnce(LeadStage lead, List<DripSequence> candidates, String by) {
        return Multi.createFrom().iterable(candidates)
                .onItem().transformToUniAndConcatenate(sequence -> sequence.stopsAt(lead.stage)
                        ? Uni.createFrom().voidItem()
                        : enrolments.wasEver(lead.leadId, sequence.id).chain(was -> was ? Uni.createFrom().voidItem()
                                : start(lead, sequence, by).replaceWithVoid()))
                .collect().last().replaceWithVoid();
    }

    private Uni<Enrolment> start(LeadStage lead, DripSequence sequence, String by) {
        Instant now = now();
        Enrolment e = new Enrolment();
        e.id = UUID.randomUUID();
        e.leadId = lead.leadId;
        e.sequenceId = sequence.id;
        e.state = EnrolmentState.ACTIVE;
        e.nextStep = 0;
        e.nextDueAt = due(now, sequence.steps.items().get(0));
        e.enrolledBy = by;
        e.enrolledAt = now;
        return enrolments.persist(e).invoke(saved -> Log.infof("lead %s enrolled in sequence '%s' by %s; step 1 due "
                + "at %s", lead.leadId, sequence.name, by, saved.nextDueAt));
    }

    /** When {@code step} goes out after the step before it went out (or the enrolment) at {@code after}. */
    Instant due(Instant after, Step step) {
        return businessDays.after(after, step.delayBusinessDays(), zone);
    }

    private static ProblemException alreadyEnrolled(DripSequence sequence) {
        return ProblemException.conflict("already-enrolled", "the lead is in the sequence '" + sequence.name
                + "' already");
    }

    private Uni<List<FieldError>> missingTemplates(List<Step> steps) {
        List<FieldError> missing = new ArrayList<>();
        return Multi.createFrom().range(0, steps.size())
                .onItem().transformToUniAndConcatenate(i -> templates.pick(steps.get(i).templateKey(),
                        steps.get(i).channel(), Templates.FALLBACK_LANGUAGE).invoke(found -> {
                            if (found.isEmpty()) {
                                missing.add(new FieldError("steps[" + i + "].templateKey", "no "
                                        + steps.get(i).channel() + " template '" + steps.get(i).templateKey()
                                        + "' in English (GET /api/templates?key=" + steps.get(i).templateKey() + ")"));
                            }
                        }))
                .collect().last().map(x -> missing);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
