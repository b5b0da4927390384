package io.leadstream.nurture.sequences;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.messages.MessageService;
import io.leadstream.nurture.messages.SendMessage;
import io.leadstream.nurture.stages.LeadStage;
import io.leadstream.nurture.stages.StageService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the due steps of drip sequences. Every {@code leadstream.nurture.sequences.run-every} (60 s; tests call
 * {@link #run()} themselves) a pass takes the active enrolments whose next step is due, a batch per transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so replicas never take the same one), leases each for
 * {@code leadstream.nurture.sequences.lease} and commits; then sends each step through {@link MessageService} under
 * every rule a rep's message is (consent, do-not-contact, frequency cap, quiet hours in the lead's time zone), as the
 * sequence, with the lead's owner as the templates' rep. Each step is sent at most once: it is its own
 * Idempotency-Key, so a step taken again (a crash, a lease run out) answers the message sent before.
 *
 * <p>What follows a step: sent, the next step is due its delay in business days after it (or the enrolment
 * completes); quiet hours or the frequency cap, the same step waits until the time the refusal names; missing or
 * withdrawn consent or do-not-contact stops the enrolment ({@code unsubscribed}), as do a lead capture no longer knows,
 * one without an address for the channel, a recipient the channel refuses and a template that cannot be rendered
 * ({@code step-failed}, with the problem's detail in lastError); the channel or capture unavailable, the step is tried
 * again after {@code retry-delay}, doubled each time, and after {@code max-attempts} tries the enrolment stops
 * ({@code step-failed}).
 */
@ApplicationScoped
public class SequenceRunner {

    /** What one pass did. */
    public record Result(int sent, int waiting, int stopped, int retried) {

        Result plus(Result o) {
            return new Result(sent + o.sent, waiting + o.waiting, stopped + o.stopped, retried + o.retried);
        }

        int total() {
            return sent + waiting + stopped + retried;
        }
    }

    static final Duration MAX_RETRY_DELAY = Duration.ofHours(6);

    /** A due step, as taken. */
    record Taken(UUID enrolmentId, UUID leadId, UUID sequenceId, int step) {
    }

    /** The sequence of a due step and the lead it goes to. */
    private record Found(DripSequence sequence, LeadStage lead) {
    }

    private final EnrolmentRepository enrolments;
    private final SequenceRepository sequences;
    private final SequenceService service;
    private final StageService stages;
    private final MessageService messages;
    private final SequencesConfig config;
    private final Clock clock;

    public SequenceRunner(EnrolmentRepository enrolments, SequenceRepository sequences, SequenceService service,
            StageService stages, MessageService messages, SequencesConfig config, Clock clock) {
        this.enrolments = enrolments;
        this.sequences = sequences;
        this.service = service;
        this.stages = stages;
        this.messages = messages;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${leadstream.nurture.sequences.run-every:60s}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return run().invoke(r -> {
            if (r.total() > 0) {
                Log.infof("sequences: %d steps sent, %d waiting (quiet hours, frequency cap), %d enrolments stopped, "
                        + "%d steps to try again", r.sent(), r.waiting(), r.stopped(), r.retried());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "sequence pass failed; the next one starts over");
            return null;
        });
    }

    /** One pass: every step due now, batch by batch. */
    public Uni<Result> run() {
        return runFrom(new Result(0, 0, 0, 0));
    }

    private Uni<Result> runFrom(Result sofar) {
        Instant now = now();
        return take(now).chain(taken -> Multi.createFrom().iterable(taken)
                .onItem().transformToUniAndConcatenate(this::step)
                .collect().asList()
                .map(results -> results.stream().reduce(sofar, Result::plus))
                .chain(r -> taken.size() < config.batch() ? Uni.createFrom().item(r) : runFrom(r)));
    }

    /** Takes a batch of due steps and leases them (committed before anything is sent). */
    private Uni<List<Taken>> take(Instant now) {
        return Panache.withTransaction(() -> enrolments.due(now, config.batch()).map(due -> due.stream().map(e -> {
            e.nextDueAt = now.plus(config.lease());
            return new Taken(e.id, e.leadId, e.sequenceId, e.nextStep);
        }).toList()));
    }

    private Uni<Result> step(Taken t) {
        return Panache.withSession(() -> sequences.findById(t.sequenceId())
                .chain(sequence -> stages.find(t.leadId(), Viewer.system(MessageService.SEQUENCE_SENDER))
                        .map(lead -> new Found(sequence, lead))))
                .chain(found -> {
                    DripSequence sequence = found.sequence();
                    LeadStage lead = found.lead();
                    Step step = sequence.steps.items().get(t.step());
                    String rep = lead.owner != null ? lead.owner : MessageService.SEQUENCE_SENDER;
                    return messages.sendStep(t.leadId(), sequence.id, t.enrolmentId(), t.step(),
                            new MessageService.Sender(rep, null, null), new SendMessage(step.channel().name(),
                                    sequence.purpose, step.templateKey(), null, null, null))
                            .chain(sent -> advance(t, sequence, sent.message().sentAt));
                })
                .onFailure().recoverWithUni(failure -> failed(t, failure));
    }

    /** The step went out at {@code sentAt}: the next one is due its delay after it, or the enrolment is done. */
    private Uni<Result> advance(Taken t, DripSequence sequence, Instant sentAt) {
        return Panache.withTransaction(() -> current(t).invoke(e -> {
            if (e == null) {
                return;
            }
            e.nextStep = t.step() + 1;
            e.attempts = 0;
            e.lastError = null;
            if (e.nextStep >= sequence.steps.items().size()) {
                e.end(EnrolmentState.COMPLETED, null, now());
                Log.infof("lead %s completed sequence '%s'", t.leadId(), sequence.name);
            } else {
                e.nextDueAt = service.due(sentAt, sequence.steps.items().get(e.nextStep));
            }
        })).replaceWith(new Result(1, 0, 0, 0));
    }

    private Uni<Result> failed(Taken t, Throwable failure) {
        Instant now = now();
        Problem problem = failure instanceof ProblemException p ? p.problem() : null;
        String type = problem == null ? "" : problem.type().substring(Problem.TYPE_BASE.length());
        String detail = problem != null ? problem.detail() : String.valueOf(failure.getMessage());
        return Panache.withTransaction(() -> current(t).map(e -> {
            if (e == null) {
                return new Result(0, 0, 0, 0);
            }
            switch (type) {
                case "quiet-hours", "frequency-cap" -> {
                    Integer wait = ((ProblemException) failure).retryAfterSeconds();
                    e.nextDueAt = now.plusSeconds(wait == null ? 3600 : wait);
                    return new Result(0, 1, 0, 0);
                }
                case "consent-missing", "consent-withdrawn", "do-not-contact" -> {
                    e.lastError = truncate(detail);
                    e.end(EnrolmentState.STOPPED, Stops.UNSUBSCRIBED, now);
                    Log.infof("enrolment %s of lead %s stopped at step %d: %s", e.id, e.leadId, t.step() + 1, detail);
                    return new Result(0, 0, 1, 0);
                }
                case "lead-gone", "no-address", "recipient-rejected", "invalid-message", "not-found",
                        "idempotency-key-reused" -> {
                    e.lastError = truncate(detail);
                    e.end(EnrolmentState.STOPPED, Stops.STEP_FAILED, now);
                    Log.warnf("enrolment %s of lead %s stopped at step %d: %s", e.id, e.leadId, t.step() + 1, detail);
                    return new Result(0, 0, 1, 0);
                }
                default -> {
                    e.attempts++;
                    e.lastError = truncate(detail);
                    if (e.attempts >= config.maxAttempts()) {
                        e.end(EnrolmentState.STOPPED, Stops.STEP_FAILED, now);
                        Log.warnf("enrolment %s of lead %s stopped: step %d failed %d times (%s)", e.id, e.leadId,
                                t.step() + 1, e.attempts, detail);
                        return new Result(0, 0, 1, 0);
                    }
                    e.nextDueAt = now.plus(retryDelay(e.attempts));
                    Log.warnf("enrolment %s of lead %s: step %d not sent (%s); tried again at %s", e.id, e.leadId,
                            t.step() + 1, detail, e.nextDueAt);
                    return new Result(0, 0, 0, 1);
                }
            }
        }));
    }

    /** The enrolment as taken, or null when it ended or moved on meanwhile (stopped by a reply, say). */
    private Uni<Enrolment> current(Taken t) {
        return enrolments.findById(t.enrolmentId()).map(e -> e != null && e.state == EnrolmentState.ACTIVE
                && e.nextStep == t.step() ? e : null);
    }

    /** retry-delay doubled for each failed try after the first, at most {@link #MAX_RETRY_DELAY}. */
    Duration retryDelay(int attempts) {
        Duration delay = config.retryDelay();
        for (int i = 1; i < attempts && delay.compareTo(MAX_RETRY_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
