package io.leadstream.nurture.history;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The assignments and scores nurture learned from distribution's and scoring's events, kept for the lead's timeline.
 * Runs inside the consuming event's transaction (chassis dispatcher: a redelivered event is not applied twice), so an
 * entry is written once per event.
 */
@ApplicationScoped
public class LeadHistory {

    private final Clock clock;

    public LeadHistory(Clock clock) {
        this.clock = clock;
    }

    /** Writes what the event told; an event without a lead id is malformed (dead-lettered, never retried). */
    public Uni<Void> learn(Learned learned) {
        if (learned.leadId() == null) {
            return Uni.createFrom().failure(new MalformedEventException(learned.kind() + " event without leadId"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        HistoryEntry entry = HistoryEntry.of(learned.leadId(), learned.kind(),
                learned.at() == null ? now : learned.at().truncatedTo(ChronoUnit.MICROS));
        entry.repId = learned.repId();
        entry.previousRepId = learned.previousRepId();
        entry.partnerId = learned.partnerId();
        entry.queue = learned.queue();
        entry.strategy = learned.strategy();
        entry.trigger = learned.trigger();
        entry.reason = learned.reason();
        entry.step = learned.step();
        entry.detail = learned.detail();
        entry.score = learned.score();
        entry.grade = learned.grade();
        entry.qualified = learned.qualified();
        entry.modelVersion = learned.modelVersion();
        entry.recordedAt = now;
        return entry.persist().replaceWithVoid();
    }

    /** A manager merged {@code merged} into {@code survivor}: its history becomes part of the survivor's. */
    public Uni<Void> merged(UUID survivor, UUID merged) {
        return HistoryEntry.move(merged, survivor)
                .invoke(n -> Log.infof("lead %s merged into %s: %d history entries moved", merged, survivor, n))
                .replaceWithVoid();
    }
}
