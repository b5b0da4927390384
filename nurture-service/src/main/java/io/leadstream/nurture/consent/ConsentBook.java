package io.leadstream.nurture.consent;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Each lead's consent per purpose and channel, as capture's consent.changed tells it (capture keeps the ledger and its
 * proof; nurture keeps where it stands, to check at every send). Event handlers run in the consumer's transaction.
 */
@ApplicationScoped
public class ConsentBook {

    private final ConsentRepository repository;

    public ConsentBook(ConsentRepository repository) {
        this.repository = repository;
    }

    public Uni<Void> changed(ConsentChangedEvent e) {
        if (e.leadId() == null || blank(e.purpose()) || blank(e.channel()) || e.recordedAt() == null
                || !("GRANTED".equals(e.status()) || "WITHDRAWN".equals(e.status()))) {
            return Uni.createFrom().failure(new MalformedEventException(
                    "consent.changed without leadId, purpose, channel, recordedAt or a GRANTED/WITHDRAWN status"));
        }
        return repository.record(e.leadId(), e.purpose(), e.channel().toLowerCase(Locale.ROOT), e.status(),
                e.method(), e.recordedAt())
                .invoke(n -> Log.infof("lead %s: consent for %s on %s %s%s", e.leadId(), e.purpose(), e.channel(),
                        e.status(), n == 0 ? " (older than what is known: kept the newer)" : ""))
                .replaceWithVoid();
    }

    /** A withdrawal nurture itself took (an unsubscribe link), kept until capture's consent.changed confirms it. */
    public Uni<Void> withdrawn(UUID leadId, String purpose, String channel, String method, java.time.Instant at) {
        return repository.record(leadId, purpose, channel, "WITHDRAWN", method, at).replaceWithVoid();
    }

    /** Whether the lead may get a message for {@code purpose} on {@code channel} (email, whatsapp, sms). */
    public Uni<ConsentDecision> decide(UUID leadId, String purpose, String channel) {
        return repository.of(leadId, channel, List.of(purpose, ConsentDecision.ALL))
                .map(entries -> ConsentDecision.of(entries, purpose));
    }

    public Uni<Void> erased(UUID leadId) {
        return repository.forget(leadId).replaceWithVoid();
    }

    public Uni<Void> merged(UUID survivor, UUID merged) {
        return repository.fold(survivor, merged).replaceWithVoid();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
