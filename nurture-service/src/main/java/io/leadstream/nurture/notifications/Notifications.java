package io.leadstream.nurture.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Records the notices an event of distribution's gives ({@link Notices}), in the consuming event's transaction (called
 * by {@code lifecycle.DistributionEventsConsumer}); {@link NoticeMailer} emails them. A notice is written once per
 * lead, kind, recipient and event time, so an event delivered again, even under another ce_id that the inbox does not
 * recognise, tells nobody twice. A manual merge moves the merged lead's notices not mailed yet to the survivor. With {@code leadstream.nurture.notifications.enabled=false} nothing is recorded.
 */
@ApplicationScoped
public class Notifications {

    private final NoticeRepository notices;
    private final Clock clock;
    private final boolean enabled;

    public Notifications(NoticeRepository notices, Clock clock, NotificationsConfig config) {
        this.notices = notices;
        this.clock = clock;
        this.enabled = config.enabled();
    }

    public Uni<Void> record(List<Notice> due) {
        if (!enabled || due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(n -> {
                    // the event's time identifies the notice; the schemas require it, so now is a last resort only
                    Instant at = n.occurredAt() == null ? now : n.occurredAt().truncatedTo(ChronoUnit.MICROS);
                    return notices.recordOnce(n, at, now).invoke(created -> {
                        if (created) {
                            Log.infof("notice %s for %s on lead %s recorded", n.kind(), n.recipient(), n.leadId());
                        } else {
                            Log.infof("notice %s for %s on lead %s (event at %s) recorded before: not again", n.kind(),
                                    n.recipient(), n.leadId(), at);
                        }
                    });
                })
                .collect().asList().replaceWithVoid();
    }

    /**
     * A manager merged {@code merged} into {@code survivor} (called by {@code lifecycle.CaptureEventsConsumer} in the
     * merge's transaction): its notices not mailed yet are about the survivor from now on, so the email names a lead
     * the rep can open (the merged lead's id answers 404). Mailed ones stay as they were sent.
     */
    public Uni<Void> merged(UUID merged, UUID survivor) {
        return notices.movePending(merged, survivor)
                .invoke(n -> Log.infof("lead %s merged into %s: %d notices not mailed yet moved", merged, survivor, n))
                .replaceWithVoid();
    }
}
