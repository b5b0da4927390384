package io.leadstream.chassis.outbox;

import io.smallrye.mutiny.Uni;

/** Sends one outbox event to the broker; the returned Uni completes when the broker has acknowledged it. */
public interface OutboxSender {

    Uni<Void> send(PendingEvent event);
}
