package io.leadstream.nurture.messages;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The queries of {@code message}; run in the caller's session (and transaction, for the writes). */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /** When the lead's messages sent after {@code since} went out (the frequency cap counts them). */
    public Uni<List<Instant>> sentSince(UUID leadId, Instant since) {
        return find("leadId = ?1 and status = ?2 and sentAt > ?3", leadId, MessageStatus.SENT, since)
                .project(SentAt.class).list().map(rows -> rows.stream().map(SentAt::sentAt).toList());
    }

    /** The message a caller sent under an Idempotency-Key, or null. */
    public Uni<Message> byIdempotencyKey(String scope, String key) {
        return find("idempotencyScope = ?1 and idempotencyKey = ?2", scope, key).firstResult();
    }

    public Uni<Message> ofLead(UUID leadId, UUID messageId) {
        return find("id = ?1 and leadId = ?2", messageId, leadId).firstResult();
    }

    /** The lead was erased: what its messages said goes; that they were sent (channel, time, template) stays. */
    public Uni<Integer> forgetContents(UUID leadId) {
        return update("subject = null, body = null, error = null where leadId = ?1", leadId);
    }

    /** Moves every message of {@code from} to {@code to} (a manual merge). */
    public Uni<Integer> move(UUID from, UUID to) {
        return update("leadId = ?1 where leadId = ?2", to, from);
    }

    /** The projection {@link #sentSince} reads. */
    public record SentAt(Instant sentAt) {
    }
}
