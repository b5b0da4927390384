package io.leadstream.nurture.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.nurture.reps.RepDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Emails the notices recorded by {@link Notifications}. Every {@code leadstream.nurture.notifications.send-every}
 * (60 s; tests call {@link #run()} themselves) a pass looks up the recipients' addresses in the {@link RepDirectory}
 * (before its transaction: no row stays locked while the directory answers), then takes a batch of notices not mailed
 * yet ({@code FOR UPDATE SKIP LOCKED}, so several replicas never take the same one), sends each its email while the
 * row is locked and marks it mailed in the same transaction. When the address cannot be found (unknown user, no
 * address, the directory unreachable) or the SMTP server refuses, the try is counted with its error and the next pass
 * tries again, the least tried first, until {@code leadstream.nurture.notifications.max-tries} tries (20): then it
 * gives up on that notice with a warning. A crash between the SMTP server's acceptance and the commit sends the email
 * again (at least once; never lost).
 */
@ApplicationScoped
public class NoticeMailer {

    /** What one pass did: emails sent, not sent (tried again next pass), given up on. */
    public record Result(int mailed, int notMailed, int gaveUp) {
    }

    private enum Outcome {
        MAILED, NOT_MAILED, GAVE_UP, SKIPPED
    }

    /** A recipient's address, or why there is none. */
    private record Address(String email, String error) {
    }

    private final NoticeRepository notices;
    private final RepDirectory directory;
    private final ReactiveMailer mailer;
    private final Clock clock;
    private final boolean enabled;
    private final int batch;
    private final int maxTries;

    public NoticeMailer(NoticeRepository notices, RepDirectory directory, ReactiveMailer mailer, Clock clock,
            NotificationsConfig config) {
        this.notices = notices;
        this.directory = directory;
        this.mailer = mailer;
        this.clock = clock;
        this.enabled = config.enabled();
        this.batch = config.sendBatch();
        this.maxTries = config.maxTries();
    }

    @Scheduled(every = "${leadstream.nurture.notifications.send-every:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return run().invoke(r -> {
            if (r.mailed() + r.notMailed() + r.gaveUp() > 0) {
                Log.infof("notices: %d emails sent, %d not sent (tried again next pass), %d given up", r.mailed(),
                        r.notMailed(), r.gaveUp());
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "notice pass failed; the next one starts over");
            return null;
        });
    }

    /** One pass: one batch of notice emails. */
    public Uni<Result> run() {
        if (!enabled) {
            return Uni.createFrom().item(new Result(0, 0, 0));
        }
        return Panache.withSession(() -> notices.toMail(maxTries, batch))
                .chain(rows -> addresses(rows.stream().map(n -> n.recipient).distinct().toList()))
                .chain(addresses -> Panache.withTransaction(() -> notices.toMail(maxTries, batch)
                        .chain(rows -> Multi.createFrom().iterable(rows)
                                .onItem().transformToUniAndConcatenate(n -> send(n, addresses.get(n.recipient)))
                                .collect().asList())
                        .map(outcomes -> new Result(count(outcomes, Outcome.MAILED),
                                count(outcomes, Outcome.NOT_MAILED), count(outcomes, Outcome.GAVE_UP)))));
    }

    private static int count(List<Outcome> outcomes, Outcome outcome) {
        return (int) outcomes.stream().filter(o -> o == outcome).count();
    }

    private Uni<Map<String, Address>> addresses(List<String> recipients) {
        return Multi.createFrom().iterable(recipients)
                .onItem().transformToUniAndConcatenate(recipient -> directory.emailOf(recipient)
                        .map(email -> email == null
                                ? new Address(null, "no email address for " + recipient + " in the rep directory")
                                : new Address(email, null))
                        .onFailure().recoverWithItem(failure -> new Address(null,
                                "cannot look up " + recipient + "'s email address: " + failure))
                        .map(address -> Map.of(recipient, address)))
                .collect().in(HashMap<String, Address>::new, Map::putAll)
                .map(map -> (Map<String, Address>) map);
    }

    private Uni<Outcome> send(NoticeRecord n, Address address) {
        if (address == null) {
            // recorded after the lookup: its recipient is looked up on the next pass, and this is no try
            return Uni.createFrom().item(Outcome.SKIPPED);
        }
        if (address.email() == null) {
            return Uni.createFrom().item(failed(n, address.error()));
        }
        NoticeMail mail = NoticeMail.of(n.notice());
        return mailer.send(Mail.withText(address.email(), mail.subject(), mail.text()))
                .map(ok -> {
                    n.mailedAt = now();
                    n.tries++;
                    n.lastError = null;
                    Log.infof("notice %s %s on lead %s mailed to %s", n.id, n.kind, n.leadId, n.recipient);
                    return Outcome.MAILED;
                })
                .onFailure().recoverWithItem(failure -> failed(n, "the SMTP server did not take it: " + failure));
    }

    private Outcome failed(NoticeRecord n, String error) {
        n.tries++;
        n.lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
        if (n.tries >= maxTries) {
            Log.warnf("notice %s %s on lead %s for %s: not mailed after %d tries, given up (%s)", n.id, n.kind,
                    n.leadId, n.recipient, n.tries, error);
            return Outcome.GAVE_UP;
        }
        Log.warnf("notice %s %s on lead %s for %s not mailed (%s); tried again next pass", n.id, n.kind, n.leadId,
                n.recipient, error);
        return Outcome.NOT_MAILED;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
