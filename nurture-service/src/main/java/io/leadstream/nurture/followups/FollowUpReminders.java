package io.leadstream.nurture.followups;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.nurture.reps.RepDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Reminds reps of their follow-ups when they come due. Every {@code leadstream.nurture.follow-ups.remind-every} (60 s;
 * tests call {@link #run()} themselves) a pass:
 * <ol>
 * <li>takes the open follow-ups whose due time has passed and that were not reminded of yet, a batch per transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so several replicas never take the same one), marks them reminded and records
 * follow-up.due for each, once;</li>
 * <li>sends each reminded, still open follow-up whose email has not gone out an email to its owner, at the address
 * {@link RepDirectory} gives. The email is sent while the row is locked and marked sent in the same transaction. When
 * the address cannot be found (unknown user, no address, the directory unreachable) or the SMTP server refuses, the
 * failure is logged, the try counted, and the email is tried again by the next pass, until it is sent or the follow-up
 * is completed or erased. A crash between the SMTP server's acceptance and the commit sends the email again (at least
 * once; never lost).</li>
 * </ol>
 */
@ApplicationScoped
public class FollowUpReminders {

    /** What one pass did. */
    public record Result(int reminded, int mailed, int notMailed) {
    }

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final FollowUpRepository followUps;
    private final Outbox outbox;
    private final RepDirectory directory;
    private final ReactiveMailer mailer;
    private final Clock clock;
    private final int batch;

    public FollowUpReminders(FollowUpRepository followUps, Outbox outbox, RepDirectory directory, ReactiveMailer mailer,
            Clock clock, FollowUpConfig config) {
        this.followUps = followUps;
        this.outbox = outbox;
        this.directory = directory;
        this.mailer = mailer;
        this.clock = clock;
        this.batch = config.followUps().remindBatch();
    }

    @Scheduled(every = "${leadstream.nurture.follow-ups.remind-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return run().invoke(r -> {
            if (r.reminded() + r.mailed() + r.notMailed() > 0) {
                Log.infof("follow-up reminders: %d due, %d emails sent, %d not sent (tried again next pass)",
                        r.reminded(), r.mailed(), r.notMailed());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "follow-up reminder pass failed; the next one starts over");
            return null;
        });
    }

    /** One pass: every due follow-up reminded of (follow-up.due), then one batch of reminder emails sent. */
    public Uni<Result> run() {
        return remindFrom(0).chain(reminded -> mail().map(m -> new Result(reminded, m[0], m[1])));
    }

    private Uni<Integer> remindFrom(int sofar) {
        return remindBatch().chain(n -> n < batch ? Uni.createFrom().item(sofar + n) : remindFrom(sofar + n));
    }

    private Uni<Integer> remindBatch() {
        Instant now = now();
        return Panache.withTransaction(() -> followUps.toRemind(now, batch).call(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(f -> {
                    f.remindedAt = now;
                    return outbox.record(f.leadId, FollowUpDue.of(f))
                            .invoke(() -> Log.infof("follow-up %s on lead %s due for %s", f.id, f.leadId, f.owner));
                }).collect().asList()).map(List::size));
    }

    /** Sends one batch of reminder emails; answers {sent, not sent}. */
    private Uni<int[]> mail() {
        // addresses are looked up before the transaction: no row stays locked while the directory answers
        return Panache.withSession(() -> followUps.toMail(batch))
                .chain(rows -> addresses(rows.stream().map(f -> f.owner).distinct().toList()))
                .chain(addresses -> Panache.withTransaction(() -> followUps.toMail(batch)
                        .chain(rows -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(f -> send(f, addresses.get(f.owner)))
                                .collect().asList())
                        .map(sent -> new int[] { (int) sent.stream().filter(b -> b).count(),
                                (int) sent.stream().filter(b -> !b).count() })));
    }

    private Uni<Map<String, String>> addresses(List<String> owners) {
        return Multi.createFrom().iterable(owners)
                .onItem().transformToUniAndConcatenate(owner -> directory.emailOf(owner)
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("follow-up reminders: cannot look up %s's email address (%s); tried again next "
                                    + "pass", owner, failure.toString());
                            return null;
                        })
                        .map(email -> email == null ? Map.<String, String>of() : Map.of(owner, email)))
                .collect().in(HashMap<String, String>::new, Map::putAll)
                .map(map -> (Map<String, String>) map);
    }

    private Uni<Boolean> send(FollowUp f, String email) {
        if (email == null) {
            f.reminderMailTries++;
            Log.warnf("follow-up %s: no email address for %s; the reminder email is tried again next pass", f.id,
                    f.owner);
            return Uni.createFrom().item(false);
        }
        return mailer.send(reminder(f, email))
                .map(ok -> {
                    f.reminderMailedAt = now();
                    f.reminderMailTries++;
                    return true;
                })
                .onFailure().recoverWithItem(failure -> {
                    f.reminderMailTries++;
                    Log.warnf("follow-up %s: the reminder email to %s was not sent (%s); tried again next pass", f.id,
                            f.owner, failure.toString());
                    return false;
                });
    }

    /** The reminder: the lead's id and the due time on the rep's wall clock and in UTC; never the note. */
    static Mail reminder(FollowUp f, String email) {
        String local = LOCAL.format(f.dueLocal()) + " (" + f.timeZone + ")";
        String subject = "Follow-up due: lead " + f.leadId + " at " + local;
        String text = """
                Your follow-up on lead %s is due at %s, that is %s.

                Open the lead in Leadstream to read your note and, when you have followed up, complete the follow-up
                with its outcome (follow-up %s).
                """.formatted(f.leadId, local, f.dueAt, f.id);
        return Mail.withText(email, subject, text);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
