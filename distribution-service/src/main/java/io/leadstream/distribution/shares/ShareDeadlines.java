package io.leadstream.distribution.shares;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Every {@code leadstream.distribution.share.recall-every} (1 minute) the offered shares past their deadline are
 * recalled and their leads routed again without that partner, a batch per transaction ({@link Shares#recallDue()}).
 * Tests call {@link #recall()} themselves.
 */
@ApplicationScoped
public class ShareDeadlines {

    private final Shares shares;

    public ShareDeadlines(Shares shares) {
        this.shares = shares;
    }

    @Scheduled(every = "${leadstream.distribution.share.recall-every:60s}",
            delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> runScheduled() {
        return recall().invoke(n -> {
            if (n > 0) {
                Log.infof("share deadlines: %d shares recalled", n);
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.warnf(failure, "share deadline pass failed; the next one starts over");
            return null;
        });
    }

    /** Recalls every offered share past its deadline, batch after batch; how many. */
    public Uni<Integer> recall() {
        return recallFrom(0);
    }

    private Uni<Integer> recallFrom(int sofar) {
        return shares.recallDue().chain(n -> n == 0 ? Uni.createFrom().item(sofar) : recallFrom(sofar + n));
    }
}
