package io.leadstream.nurture.merges;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The SQL of {@code merged_lead}, in the caller's transaction. Readers and the merge meet on a transaction-scoped
 * advisory lock per lead id, so that an event about a lead being merged away in another channel's transaction at the
 * same moment either commits before the merge moves its rows, or sees the merge once it has committed.
 */
@ApplicationScoped
public class MergedLeadRepository {

    /** Shared: readers of one lead do not wait for each other, only for a merge of that lead. */
    static final String LOCK_SHARED = "select cast('locked' as text) from (select pg_advisory_xact_lock_shared(:key)) l";
    static final String LOCK = "select cast('locked' as text) from (select pg_advisory_xact_lock(:key)) l";
    static final String SURVIVOR = "select cast(survivor_id as text) from merged_lead where merged_lead_id = :id";
    static final String RECORD = """
            insert into merged_lead (merged_lead_id, survivor_id, merged_at) values (:merged, :survivor, :at)
            on conflict (merged_lead_id) do update set survivor_id = excluded.survivor_id, merged_at = excluded.merged_at
            """;
    /** Keeps the table flat: what was merged into the lead merged away now lives on in its survivor. */
    static final String FOLLOW = "update merged_lead set survivor_id = :survivor where survivor_id = :merged";

    /** Waits for a merge of {@code leadId} being written elsewhere; held until the caller's transaction ends. */
    public Uni<Void> lockShared(UUID leadId) {
        return lock(LOCK_SHARED, leadId);
    }

    /** Holds off every reader of {@code leadId} until the caller's transaction ends. */
    public Uni<Void> lockExclusive(UUID leadId) {
        return lock(LOCK, leadId);
    }

    /** The lead {@code leadId} was merged into, or null. */
    public Uni<UUID> survivorOf(UUID leadId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(SURVIVOR, String.class)
                .setParameter("id", leadId).getResultList())
                .map(List::stream).map(ids -> ids.findFirst().map(UUID::fromString).orElse(null));
    }

    /** {@code merged} lives on in {@code survivor} from {@code at}, and so does every lead merged into it before. */
    public Uni<Integer> record(UUID merged, UUID survivor, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD).setParameter("merged", merged)
                .setParameter("survivor", survivor).setParameter("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .executeUpdate()
                .chain(() -> s.createNativeQuery(FOLLOW).setParameter("survivor", survivor)
                        .setParameter("merged", merged).executeUpdate()));
    }

    private static Uni<Void> lock(String sql, UUID leadId) {
        long key = leadId.getMostSignificantBits() ^ leadId.getLeastSignificantBits();
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, String.class).setParameter("key", key)
                .getResultList()).replaceWithVoid();
    }
}
