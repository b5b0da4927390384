package io.leadstream.nurture.consent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The queries of {@code consent_state}; run in the caller's session (and transaction, for the writes). */
@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<ConsentState, ConsentState.Key> {

    private static final String UPSERT = """
            insert into consent_state (lead_id, purpose, channel, status, method, recorded_at)
            values (:lead, :purpose, :channel, :status, :method, :at)
            on conflict (lead_id, purpose, channel) do update
                set status = excluded.status, method = excluded.method, recorded_at = excluded.recorded_at
                where consent_state.recorded_at <= excluded.recorded_at
            """;

    private static final String FOLD = """
            insert into consent_state (lead_id, purpose, channel, status, method, recorded_at)
            select :survivor, purpose, channel, status, method, recorded_at from consent_state where lead_id = :merged
            on conflict (lead_id, purpose, channel) do update
                set status = excluded.status, method = excluded.method, recorded_at = excluded.recorded_at
                where consent_state.recorded_at < excluded.recorded_at
            """;

    /** Stores the entry unless a newer one for the same lead, purpose and channel is there; answers rows changed. */
    public Uni<Integer> record(UUID leadId, String purpose, String channel, String status, String method,
            java.time.Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(UPSERT)
                .setParameter("lead", leadId).setParameter("purpose", purpose).setParameter("channel", channel)
                .setParameter("status", status).setParameter("method", method)
                .setParameter("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).executeUpdate());
    }

    /** The lead's entries for these purposes on one channel. */
    public Uni<List<ConsentState>> of(UUID leadId, String channel, List<String> purposes) {
        return list("leadId = ?1 and channel = ?2 and purpose in ?3", leadId, channel, purposes);
    }

    /** The merged lead's entries join the survivor's (the newer entry wins per purpose and channel), then go. */
    public Uni<Long> fold(UUID survivor, UUID merged) {
        return Panache.getSession().chain(s -> s.createNativeQuery(FOLD).setParameter("survivor", survivor)
                .setParameter("merged", merged).executeUpdate())
                .chain(() -> delete("leadId", merged));
    }

    public Uni<Long> forget(UUID leadId) {
        return delete("leadId", leadId);
    }
}
